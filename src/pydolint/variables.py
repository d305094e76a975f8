"""ARG and ENV values in effect at an instruction, with Docker's scoping.

- ARGs before the first FROM are global: they feed FROM lines, and a stage
  sees one only after re-declaring it with ``ARG NAME``.
- ENV set in a stage is inherited by stages built ``FROM`` it; ARG is not.
- ENV wins over ARG of the same name, as in BuildKit's expansion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydolint.shellwords import LexResult, expand


@dataclass(frozen=True, slots=True)
class Variables:
    env: dict[str, str] = field(default_factory=dict)
    args: dict[str, str | None] = field(default_factory=dict)  # None: declared, value unknown
    escape: str = "\\"
    _mapping: dict[str, str] | None = field(default=None, compare=False, repr=False)

    def get(self, name: str) -> str | None:
        """The value in effect, or None when unset or only known at build time."""
        if name in self.env:
            return self.env[name]
        return self.args.get(name)

    def is_declared(self, name: str) -> bool:
        return name in self.env or name in self.args

    def mapping(self) -> dict[str, str]:
        """Every variable with a known value (ENV over ARG); built once per scope."""
        if self._mapping is None:
            values = {k: v for k, v in self.args.items() if v is not None}
            values.update(self.env)
            object.__setattr__(self, "_mapping", values)
        return self._mapping

    def expand(self, text: str) -> LexResult | None:
        """Docker's substitution of ``text``; None where Docker reports an error."""
        return expand(text, self.mapping(), self.escape)

    def with_env(self, updates: dict[str, str]) -> Variables:
        return Variables({**self.env, **updates}, self.args, self.escape)

    def with_args(self, updates: dict[str, str | None]) -> Variables:
        return Variables(self.env, {**self.args, **updates}, self.escape)
