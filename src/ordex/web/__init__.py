"""The web inbox (issue 22): server-rendered pages for suppliers and buyers without an ERP.

Routes are thin like the API's: read the form, call the same use case as the API, render a
Jinja2 template. Every page works without JavaScript; ``static/`` holds the only assets
(served by ordex itself, no CDN). Sessions and CSRF: :mod:`ordex.web.session`.
"""
