"""``briefings serve`` (what ``make serve`` runs): a local preview rebuilt on every change.

Three parts, each a module:

- :mod:`.command`, the command itself: starts the rest in a process group of their own and,
  on Ctrl-C, SIGTERM or SIGHUP, or when the rest ends, kills that group whole, so a stop leaves
  no process behind and the port free;
- :mod:`.loop`, the rebuild loop: one Pelican instance (so that the incremental plugin,
  briefings/plugins/incremental, redoes only what changed) run again after every change to the
  content, the theme or the settings, ``briefings validate`` again after every change to the
  content; a failed run is reported once and waits for the next change;
- :mod:`.server`, the web server: Pelican's own (what ``pelican --listen`` runs), in a process
  of its own.
"""
