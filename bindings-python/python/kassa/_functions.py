"""The pure functions, as modules: ``kassa.epc.build(...)``, ``kassa.iban.validate(s)``,
``kassa.identity.finish(reference, evidence)``, ...

None is written per function: the modules and their functions are derived from the core's list
(``_kassa.function_names()``, ids ``namespace.function``), and every call goes through the one
native entry point ``_kassa.call_function(name, args, kwargs)``, where the core binds the
arguments, checks them and computes. A function added to the core appears here by itself; its
types live in the stub ``kassa/<namespace>.pyi`` (a test fails until it is there).
"""

from __future__ import annotations

import sys
import types
from typing import Any, Callable, Dict, List

from kassa import _kassa

__all__ = ["call_function", "function_names", "install"]

call_function = _kassa.call_function
function_names = _kassa.function_names

_DOCS = {
    "epc": "EPC (SEPA credit transfer) QR payloads: build, parse, render as SVG or PNG.",
    "ogm": "Belgian structured communications (OGM/VCS, ``+++123/4567/89002+++``).",
    "rf": "ISO 11649 creditor references (``RF18 5390 0754 7034``).",
    "iban": "IBANs: validate (to the compact form) and format (groups of four).",
    "bic": "BICs (SWIFT codes).",
    "be": "Belgian enterprise and VAT numbers.",
    "peppol": "Peppol participant identifiers.",
    "billit": "Billit's pure functions: the identification redirect and webhook signatures.",
    "solaris": "Solaris's pure functions: webhook signatures.",
    "identity": "The provider-neutral identification flow, sans-IO (the clients' ``identity`` does the IO).",
    "digiteal": "Digiteal's pure functions: pay buttons (``pay_buttons``) and web application links (``links``).",
    "digiteal.pay_buttons": "Digiteal pay buttons: image and execution URLs and the HTML snippet (no request sent).",
    "digiteal.links": "Links into Digiteal's web application: registration pages and the QR generator.",
}


def _function(module: str, short: str, name: str) -> Callable[..., Any]:
    def function(*args: Any, **kwargs: Any) -> Any:
        return _kassa.call_function(name, args, kwargs)

    function.__name__ = function.__qualname__ = short
    function.__module__ = module
    function.__doc__ = (
        f"kassa function ``{name}``: arguments are checked by the core (see the types in "
        f"``kassa/{'/'.join(module.split('.')[1:])}.pyi``); errors are :class:`kassa.KassaError` subclasses."
    )
    return function


def _module(package: types.ModuleType, qualified: str, doc: str) -> types.ModuleType:
    existing = sys.modules.get(qualified)
    parent_name, _, short = qualified.rpartition(".")
    parent = package if parent_name == package.__name__ else sys.modules[parent_name]
    current = getattr(parent, short, None)
    if current is not None and current is not existing:
        raise RuntimeError(f"kassa: function namespace {qualified!r} clashes with an attribute")
    module = types.ModuleType(qualified, doc)
    setattr(module, "__all__", [])
    return module


def install(package: types.ModuleType) -> Dict[str, types.ModuleType]:
    """Creates the module ``kassa.<namespace>`` of every namespace of the core's functions (and
    ``kassa.<namespace>.<group>`` for three-segment names such as
    ``digiteal.pay_buttons.image_url``), registers each in ``sys.modules`` (so ``from kassa.epc
    import build`` works) and as an attribute of its parent. Refuses a namespace that would hide
    another attribute. Returns the modules by dotted namespace (``"epc"``,
    ``"digiteal.pay_buttons"``)."""
    modules: Dict[str, types.ModuleType] = {}
    for name in _kassa.function_names():
        *path, short = name.split(".")
        if not path:
            raise RuntimeError(f"kassa: function {name!r} has no namespace")
        for depth in range(1, len(path) + 1):
            namespace = ".".join(path[:depth])
            if namespace in modules:
                continue
            parent = modules.get(".".join(path[: depth - 1])) if depth > 1 else None
            qualified = f"{package.__name__}.{namespace}"
            doc = _DOCS.get(namespace, f"kassa functions ``{namespace}.*``.")
            if parent is None:
                module = _module(package, qualified, doc)
            else:
                if hasattr(parent, path[depth - 1]):
                    raise RuntimeError(f"kassa: function namespace {namespace!r} clashes with a function")
                module = types.ModuleType(qualified, doc)
                setattr(module, "__all__", [])
                setattr(parent, path[depth - 1], module)
                parent_exported: List[str] = getattr(parent, "__all__")
                parent_exported.append(path[depth - 1])
                # The parent holds submodules: make it package-like for importers and type checkers.
                setattr(parent, "__path__", [])
            modules[namespace] = module
        module = modules[".".join(path)]
        if hasattr(module, short):
            raise RuntimeError(f"kassa: function {name!r} clashes with a namespace")
        setattr(module, short, _function(module.__name__, short, name))
        exported: List[str] = getattr(module, "__all__")
        exported.append(short)
    for namespace, module in modules.items():
        sys.modules[module.__name__] = module
        if "." not in namespace:
            setattr(package, namespace, module)
    return modules
