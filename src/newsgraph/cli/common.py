"""What every command shares: the error console and the guard that turns errors into one line."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
import typer
from rich.console import Console
from rich.markup import escape

from newsgraph.errors import ConfigError, ModelError, NewsgraphError

__all__ = ["err", "guarded"]

err = Console(stderr=True, highlight=False)
# click's usage errors, and Typer's own copies of them (Typer 0.20 and later carry a click of their own)
_USAGE_ERRORS: tuple[type[BaseException], ...] = (click.exceptions.ClickException,
                                                  *((typer.TyperException,) if hasattr(typer, "TyperException") else ()))
F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int) -> typer.Exit:
    err.print(f"[red]newsgraph:[/red] {escape(message)}", soft_wrap=True)  # data never reads as markup
    return typer.Exit(code)


def guarded(func: F) -> F:
    """Turn newsgraph's errors into one line and an exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ConfigError, ModelError) as e:
            raise _fail(str(e), 2) from None
        except NewsgraphError as e:
            raise _fail(str(e), 1) from None
        except KeyboardInterrupt:
            raise _fail("interrupted", 130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort, SystemExit, typer.BadParameter, *_USAGE_ERRORS):
            raise  # usage errors keep click's message and exit status 2
        except Exception as e:  # the last line of defence: report, no traceback
            raise _fail(f"internal error: {type(e).__name__}: {e} (please report this)", 1) from None

    return wrapper  # type: ignore[return-value]


