"""Work done once per loaded dataset, and again for a new one."""

from __future__ import annotations

from macros.per_dataset import per_dataset


class Data:
    pass


def test_a_result_is_kept_for_its_dataset_and_remade_for_another() -> None:
    calls: list[Data] = []

    @per_dataset
    def work(dataset: Data) -> int:
        calls.append(dataset)
        return len(calls)

    first, second = Data(), Data()
    assert work(first) == work(first) == 1
    assert work(second) == 2 and work(second) == 2
    assert work(first) == 3, "only the newest dataset's result is kept"
    assert calls == [first, second, first]
