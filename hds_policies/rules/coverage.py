"""Coverage: what the scan could not read is said, never passed over in silence."""

from __future__ import annotations

from ..model import ModuleCall
from .base import Context, Verdict, unknown
from .registry import rule


@rule("HDS_COV_001", target="module_call")
def module_not_followed(call: ModuleCall, ctx: Context) -> Verdict:
    """A module call whose folder is not on disk: the resources it creates are unknown."""
    return unknown(call, f"module call {call.address} (source {call.source}) not followed: {call.reason}; "
                         "the resources it creates are not checked")
