"""`{% memo "name" key1 key2 ... %}…{% endmemo %}`: render once per process and key.

Django's `{% cache %}` fetches the fragment from the shared cache on every request (a round
trip and the fragment's bytes each time). For fragments that can never change for a given
key (a published leaflet version's rendered text), each process keeps the ones it used last
in a bounded memo (`clinic.lib.memo`) instead. The key must name everything the fragment
depends on; a key the context lacks (empty or None) renders the fragment without keeping it,
so a page that forgot its key never shows another's fragment.
"""

from django import template

from clinic.lib.memo import BoundedMemo

register = template.Library()

FRAGMENTS = BoundedMemo(size=512)


class MemoNode(template.Node):
    def __init__(self, nodelist, name: str, keys):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context):
        values = [k.resolve(context) for k in self.keys]
        if any(value is None or value == "" for value in values):
            return self.nodelist.render(context)
        key = (self.name, *(str(value) for value in values))
        found = FRAGMENTS.get_many([key])
        if key in found:
            return found[key]
        content = self.nodelist.render(context)
        FRAGMENTS.set_many({key: content})
        return content


@register.tag("memo")
def do_memo(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'memo' needs a fragment name.")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    name = bits[1]
    if not (name[0] == name[-1] and name[0] in "'\""):
        raise template.TemplateSyntaxError("'memo' needs a quoted fragment name first.")
    return MemoNode(nodelist, name[1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
