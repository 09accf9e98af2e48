"""Re-export the public names of a package's domain submodules (used by plots and widgets)."""

from __future__ import annotations

import importlib
import pkgutil


def export_submodules(package: str, path, namespace: dict) -> list[str]:
    """Import every non-underscore submodule of ``package`` and copy its ``__all__`` into ``namespace``.

    Returns the exported names. Two submodules exporting the same name is an ImportError, so a
    figure or widget name always means one thing.
    """
    exported = []
    for info in pkgutil.iter_modules(path):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        namespace[info.name] = module
        for name in getattr(module, "__all__", ()):
            if name in namespace and namespace[name] is not getattr(module, name):
                raise ImportError(f"{package}: {name!r} is defined in two submodules; rename one.")
            namespace[name] = getattr(module, name)
            exported.append(name)
    return exported
