"""patches: installs the Pelican patches of :mod:`briefings.patches` (pages not prepared that
the settings do not write; each URL worked out once while pages are written). The site is the
same without this plugin; it only makes the build shorter."""

from __future__ import annotations

from pelican import signals

from briefings import patches


def register() -> None:
    patches.skip_unwritten_lists()
    patches.install_urls()
    signals.generator_init.connect(patches.forget_urls)
    signals.all_generators_finalized.connect(patches.keep_urls)
    signals.finalized.connect(patches.forget_urls)
