from clinic.lib.memo import BoundedMemo, clear_all


def test_the_memo_returns_only_what_it_holds():
    memo = BoundedMemo(size=4)
    memo.set_many({1: "one", 2: "two"})

    assert memo.get_many([1, 2, 3]) == {1: "one", 2: "two"}


def test_the_memo_forgets_the_least_recently_used_entry_when_full():
    memo = BoundedMemo(size=2)
    memo.set_many({1: "one", 2: "two"})
    memo.get_many([1])

    memo.set_many({3: "three"})

    assert memo.get_many([1, 2, 3]) == {1: "one", 3: "three"}
    assert len(memo) == 2


def test_clear_all_empties_every_memo():
    first, second = BoundedMemo(size=2), BoundedMemo(size=2)
    first.set_many({1: "one"})
    second.set_many({2: "two"})

    clear_all()

    assert len(first) == len(second) == 0
