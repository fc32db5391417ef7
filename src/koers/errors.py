"""Our page for the 405 that `require_POST` answers with an empty body, so a link opened on an
action's address meets a Dutch page with a way back, not a blank one. (Koers's 410s, for closed
rounds and withdrawn share links, have their own pages that say why.)"""

from django.shortcuts import render


class MethodNotAllowedPage:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = render(request, "405.html", status=405)
        page.headers["Allow"] = response.headers.get("Allow", "POST")
        return page
