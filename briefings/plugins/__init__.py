"""The project's Pelican plugins (listed in ``PLUGINS`` in pelican.conf.py)."""
