"""Static files for production: hashed, compressed, and with ES module imports hashed too.

The player is split into ES modules; without ``support_js_module_import_aggregation``
a hashed ``stretch-player.<hash>.js`` would still import the unhashed
``./player-plan.js``, which is neither cached for a year nor what "Save for
offline" stores (it keeps the hashed names the page preloads).
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
