"""Reader: inputs in, decoded and structured articles out."""
