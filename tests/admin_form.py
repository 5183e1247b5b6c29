"""Read a rendered form back as the data a browser would post (for tests of admin pages)."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            return
        if not self.inside or ("form" in a and a["form"] != self.form_id):
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.data.append(tuple(self._textarea))
            self._textarea = None


def form_data(html, form_id):
    """The (name, value) pairs of the form `form_id` as it was rendered, as a dict of lists."""
    reader = _FormReader(form_id)
    reader.feed(html)
    result = {}
    for name, value in reader.data:
        result.setdefault(name, []).append(value.lstrip("\n") if value else value)
    return result


def confirm_upload(client, response):
    """Follow an upload's redirect to its preview page and confirm it, as the officer would."""
    page = client.get(response["Location"])
    return client.post(response["Location"], form_data(page.content.decode(), "confirm-form"))
