"""One way to count a page's queries, for the budgets every page keeps whatever the data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str) -> int:
    """The queries of one GET of `url`, which must answer 200. The page is opened once first,
    so one-time work (a session write, a closed round's summaries) is not counted."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)
