"""Cross-references to the front door and the area namespaces — resolve them to where a name is defined.

The package root and the area namespaces (``poverty_procurement.payments``, ``.filings``, …)
re-export names that are defined in deeper modules, and the API page documents every name once,
in its defining module (``poverty_procurement.shares.compute_share``). Docstrings and pages may
write the name the way users import it — ``:func:`~poverty_procurement.yuan```, a bare
``:class:`Ratio``` or ``{func}`~poverty_procurement.payments.match_transfers``` — and on
``missing-reference`` this extension resolves it against the defining module: root names through
``poverty_procurement._EXPORTS``, namespace names by reading the namespace's ``from … import``
lines. New names and new namespaces need no change here, and a module split behind a namespace
does not break a page that links through the namespace.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils.nodes import Element, TextElement, reference  # type: ignore[import-untyped,unused-ignore]
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["defining_target", "reexported_from", "setup"]

_PACKAGE = "poverty_procurement"


def defining_target(target: str) -> str | None:
    """The fully qualified target in the defining module, or None if not a re-exported name.

    >>> defining_target("poverty_procurement.yuan")
    'poverty_procurement.money.yuan'
    >>> defining_target("Ratio.of")
    'poverty_procurement.ratio.Ratio.of'
    >>> defining_target("poverty_procurement.payments.match_transfers")
    'poverty_procurement.rules.payments.matching.match_transfers'
    >>> defining_target("poverty_procurement.workflow.FilingStatus.RETURNED")
    'poverty_procurement.rules.filings.workflow.FilingStatus.RETURNED'
    >>> defining_target("poverty_procurement.policy.compute_share")  # shares is itself a defining module
    'poverty_procurement.shares.compute_share'
    >>> defining_target("County")  # a bare name that one area namespace exports
    'poverty_procurement.model.county.County'
    >>> defining_target("poverty_procurement.money.yuan") is None
    True
    """
    from poverty_procurement import _EXPORTS

    rest = target.lstrip(".~")
    in_package = rest.startswith(f"{_PACKAGE}.")
    rest = rest.removeprefix(f"{_PACKAGE}.")
    head, _, tail = rest.partition(".")
    module = _EXPORTS.get(head)
    if module is not None:
        return f"{_PACKAGE}.{module}.{head}" + (f".{tail}" if tail else "")
    parts = rest.split(".")
    if not in_package:  # a bare name (``County``): the one area namespace that exports it
        from poverty_procurement import _AREAS

        found = {where for area in _AREAS if (where := _defined_in(f"{_PACKAGE}.{area}", head)) is not None}
        return ".".join([found.pop(), *parts[1:]]) if len(found) == 1 else None
    for cut in range(len(parts) - 1, 0, -1):  # the longest module path first
        source = _defined_in(f"{_PACKAGE}." + ".".join(parts[:cut]), parts[cut])
        if source is not None:
            return ".".join([source, *parts[cut + 1:]])
    return None


def _defined_in(namespace: str, name: str) -> str | None:
    """``module.name`` where ``name``, re-exported by ``namespace``, is defined (following a chain)."""
    source = reexported_from(namespace).get(name)
    if source is None:
        return None
    while (deeper := reexported_from(source).get(name)) is not None:
        source = deeper
    return f"{source}.{name}"


@functools.cache
def reexported_from(module: str) -> dict[str, str]:
    """``{name: module it is imported from}`` for the public names (``__all__``) that ``module``
    re-exports with a top-level relative ``from … import``; empty if there is no such module.

    >>> reexported_from("poverty_procurement.workflow")["FilingRecord"]
    'poverty_procurement.rules.filings.workflow'
    >>> reexported_from("poverty_procurement.shares"), reexported_from("poverty_procurement.nowhere")
    ({}, {})
    """
    import ast
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):  # a parent is not a package, or not importable
        return {}
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return {}
    tree = ast.parse(Path(spec.origin).read_text("utf-8"))
    public: set[str] = set()
    for node in tree.body:
        if (isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets)
                and isinstance(node.value, (ast.List, ast.Tuple))):
            public = {e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    package = module if Path(spec.origin).name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level and node.module:
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            source = ".".join([*base, node.module])
            for alias in node.names:
                name = alias.asname or alias.name
                if name in public:
                    found[name] = source
    return found


def _on_missing_reference(
    app: Sphinx, env: BuildEnvironment, node: Element, contnode: TextElement
) -> reference | None:
    if node.get("refdomain") != "py":
        return None
    target = defining_target(str(node["reftarget"]))
    if target is None:
        return None
    domain = env.get_domain("py")
    found: reference | None = domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
    )
    return found


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("missing-reference", _on_missing_reference)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
