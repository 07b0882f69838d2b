"""dangjian: community party-organization domain library.

The implementation lives in Rust; this package re-exports the native
extension module ``dangjian._dangjian``.
"""

from dangjian._dangjian import __version__, version

__all__ = ["__version__", "version"]
