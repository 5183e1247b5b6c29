"""Problems found while reading or saving a budget, each saying where and what to do."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    where: str          # e.g. "表3 支出总表!A12", or a document path such as "expenditure[3]"
    message: str        # what is wrong and what to do, in Chinese
    fatal: bool = True

    def __str__(self):
        return f"{self.where}：{self.message}" if self.where else self.message


@dataclass
class ImportFailed(Exception):
    problems: list = field(default_factory=list)

    def __str__(self):
        return "\n".join(str(p) for p in self.problems)
