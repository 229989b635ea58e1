"""Saved segments are counted together in one pass: each size is what the segment counts alone."""

from app.services.analytics.segments import count_matching, delete_segment, save_segment, saved_segments
from tests.services.analytics.test_segments import AS_OF, tagged  # noqa: F401  (the shared shop fixture)

TREES = {
    "vip": {"field": "tags", "cmp": "has_any", "value": ["VIP"]},
    "both tags": {"field": "tags", "cmp": "has_all", "value": ["VIP", "老客"]},
    "no vip": {"field": "tags", "cmp": "has_none", "value": ["VIP"]},
    "repeat or lost": {
        "op": "or",
        "rules": [
            {"field": "order_count", "cmp": ">=", "value": 2},
            {"field": "layer", "cmp": "in", "value": ["lost"]},
        ],
    },
    "douyin": {"field": "platform", "cmp": "is", "value": "douyin"},
    "recent": {"field": "last_order", "cmp": "on_or_after", "value": "90 days ago"},
    "high m": {"field": "m_score", "cmp": ">=", "value": 4},
    "everyone": {"op": "and", "rules": []},
    "no one": {"op": "or", "rules": []},
}


def test_each_saved_segment_size_is_its_own_count(tagged):  # noqa: F811
    store, ref = tagged
    ids = {save_segment(store, name, tree): name for name, tree in TREES.items()}
    try:
        sizes = {ids[s.id]: s.size for s in saved_segments(store, AS_OF) if s.id in ids}
        alone = {name: count_matching(store, tree, AS_OF) for name, tree in TREES.items()}
        assert sizes == alone
        assert sizes["everyone"] == len(ref) and sizes["no one"] == 0
        assert 0 < sizes["vip"] < len(ref) and sizes["vip"] + sizes["no vip"] == len(ref)
    finally:
        for sid in ids:
            delete_segment(store, sid)
