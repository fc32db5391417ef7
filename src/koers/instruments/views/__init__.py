"""One module per instrument, each with its pages; pages.py holds the little they share.

Every write works with and without htmx: row forms swap only their own row (so text typed in
other rows stays), and a plain post is redirected back to the instrument, or gets the page
again with the errors at the fields.

Adding an instrument: follow stakeholders.py (a list with a form page per item) or
situation.py (rows saved one at a time), add its routes to ../urls.py, its entry to
werkdocument/registry.py, and its key to its subphase's `instrumenten:` in the content.
"""
