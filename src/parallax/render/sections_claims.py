"""Terminal report sections for the claims analysis (registered with @section)."""

from __future__ import annotations

from parallax.render.terminal import safe, section  # noqa: F401
