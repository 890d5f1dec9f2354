"""The language-neutral coders (see :mod:`annales.events.syntax.coder`)."""

from annales.events.syntax.coder import SyntaxCoder, SyntaxHybridCoder, SyntaxModelCoder

__all__ = ["SyntaxCoder", "SyntaxHybridCoder", "SyntaxModelCoder"]
