"""Type stubs for the native extension module ``dangjian._dangjian``.

Kept by hand next to ``bindings-python/src/lib.rs``; ``mypy.stubtest`` checks
them against the built module in ``scripts/test-all.sh``.
"""

__all__ = ["__version__", "version"]

__version__: str
"""Version of the Rust core (``dangjian::VERSION``)."""

def version() -> str:
    """Return the version of the underlying Rust core."""
