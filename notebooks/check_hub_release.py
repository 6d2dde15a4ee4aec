"""Check that a release directory loads with Hugging Face `datasets` as the Hub would.

`make notebook` runs it on every release under output/release (or RELEASE=<dir>):
README.md's YAML header must name one config per non-empty table, and
`load_dataset(<release dir>, <table>)` must return that table's rows and columns
as its Parquet file holds them. Exit 0 when every config loads, 1 otherwise.
"""
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import pyarrow.parquet as pq  # noqa: E402
from datasets import get_dataset_config_names, load_dataset  # noqa: E402


def check(release: str) -> list[str]:
    problems = []
    configs = get_dataset_config_names(release)
    tables = sorted(f[: -len(".parquet")] for f in os.listdir(release) if f.endswith(".parquet"))
    non_empty = [t for t in tables if pq.ParquetFile(os.path.join(release, f"{t}.parquet")).metadata.num_rows > 0]
    if sorted(configs) != sorted(non_empty):
        problems.append(f"configs {sorted(configs)} but non-empty tables {sorted(non_empty)}")
    for table in non_empty:
        expected = pq.read_table(os.path.join(release, f"{table}.parquet"))
        loaded = load_dataset(release, table, split="train")
        if loaded.num_rows != expected.num_rows or loaded.column_names != expected.column_names:
            problems.append(f"{table}: load_dataset gives {loaded.num_rows} rows {loaded.column_names}, the Parquet file {expected.num_rows} rows {expected.column_names}")
        else:
            print(f"  {table}: {loaded.num_rows} rows, {len(loaded.column_names)} columns")
    return problems


def main(releases: list[str]) -> int:
    failed = False
    for release in releases:
        print(f"load_dataset({release!r}, <table>):")
        for problem in check(release):
            print(f"  FAILED {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
