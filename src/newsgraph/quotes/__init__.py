"""Quotes: every quotation and piece of indirect speech in an article, with its speaker resolved."""
