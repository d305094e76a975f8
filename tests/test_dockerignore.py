""".dockerignore semantics: a table of (ignore lines, path, excluded?) cases.

The cases follow Docker's .dockerignore documentation and the behaviour of
moby/patternmatcher as BuildKit uses it (paths are walked top-down, so a
pattern that matched a directory also matches everything below it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pydolint.dockerignore import DockerIgnore, find_ignore_file, read_dockerignore

# (ignore-file lines, path relative to the context root, excluded?)
CASES: list[tuple[list[str], str, bool]] = [
    # --- the documentation's example file
    (["# comment", "*/temp*", "*/*/temp*", "temp?"], "somedir/temporary.txt", True),
    (["*/temp*"], "somedir/temp", True),
    (["*/temp*"], "somedir/temp/inside.txt", True),
    (["*/temp*"], "temp", False),
    (["*/temp*"], "a/b/temp", False),
    (["*/*/temp*"], "somedir/subdir/temporary.txt", True),
    (["*/*/temp*"], "somedir/temporary.txt", False),
    (["temp?"], "tempa", True),
    (["temp?"], "tempab", False),
    (["temp?"], "temp", False),
    (["temp?"], "dir/tempa", False),
    # --- "**" matches any number of directories, zero included
    (["**/*.go"], "main.go", True),
    (["**/*.go"], "a/b/c.go", True),
    (["**/*.go"], "a/b/c.gox", False),
    (["**"], "x", True),
    (["**"], "anything/at/all", True),
    (["**/"], "x/y", True),
    (["a/**/b"], "a/b", True),
    (["a/**/b"], "a/x/y/b", True),
    (["a/**/b"], "a/xb", False),
    (["foo/**"], "foo/bar", True),
    (["foo/**"], "foo", False),
    (["foo**"], "foobar/x", True),
    (["**/foo"], "x/foo", True),
    (["**/foo"], "barfoo", False),
    (["**foo"], "barfoo", True),  # patternmatcher: a literal suffix test
    (["**/__pycache__"], "pkg/sub/__pycache__/x.pyc", True),
    (["**/*.pyc"], "x.pyc", True),
    # --- anchored at the root, no implicit recursion (unlike .gitignore)
    (["*.pyc"], "pkg/x.pyc", False),
    (["__pycache__/"], "pkg/__pycache__/x.pyc", False),
    (["__pycache__/"], "__pycache__/x.pyc", True),
    (["node_modules"], "node_modules/a/b.js", True),
    (["/foo/bar"], "foo/bar", True),
    (["/foo"], "x/foo", False),
    (["foo/bar"], "foo/bar/baz", True),
    (["foo/bar"], "foo", False),
    # --- trailing slash is cleaned away: it does not mean "directory only"
    (["foo/"], "foo", True),
    (["foo/"], "foo/x", True),
    (["foo/"], "foobar", False),
    (["*/"], "dir/file", True),
    # --- exceptions; the last matching line wins
    (["*.md", "!README.md"], "README.md", False),
    (["*.md", "!README.md"], "CHANGES.md", True),
    (["*.md", "!README*.md", "README-secret.md"], "README-secret.md", True),
    (["*.md", "!README*.md", "README-secret.md"], "README-public.md", False),
    (["*.md", "README-secret.md", "!README*.md"], "README-secret.md", False),
    (["*", "!src"], "src/app.py", False),
    (["*", "!src"], "Dockerfile", True),
    (["*", "!src", "src/*.pyc"], "src/app.pyc", True),
    (["foo", "!foo"], "foo/x", False),
    (["!foo", "foo"], "foo/x", True),
    # --- an exception re-includes a file inside an excluded directory
    (["foo", "!foo/keep.txt"], "foo/keep.txt", False),
    (["foo", "!foo/keep.txt"], "foo/other.txt", True),
    (["foo", "!foo/keep"], "foo/keep/deep.txt", False),
    (["dir/*", "!dir/keep"], "dir/keep", False),
    (["dir/*", "!dir/keep"], "dir/other", True),
    (["**/.git", "!**/.gitkeep"], "a/.git/x", True),
    # --- parent results are inherited; a skipped exception is not re-checked
    (["a/b", "!a"], "a/b", True),
    (["a/b", "!a"], "a/c", False),
    (["a", "!a", "a/b"], "a/b/c", True),
    (["a", "!a", "a/b"], "a/c", False),
    # --- preprocessing: trimming, cleaning, comments
    (["  spaced.txt  "], "spaced.txt", True),
    (["! keep", "*"], "keep", True),
    (["*", "! keep"], "keep", False),
    (["foo/../bar"], "bar", True),
    (["foo/../bar"], "foo/bar", False),
    (["./foo"], "foo", True),
    (["foo//bar"], "foo/bar", True),
    (["../foo"], "foo", False),
    (["# comment"], "# comment", False),
    ([" # not a comment"], "# not a comment", True),
    (["\\#file"], "#file", True),
    # --- escapes
    (["foo\\*"], "foo*", True),
    (["foo\\*"], "foobar", False),
    (["foo\\?"], "foo?", True),
    (["foo\\?"], "fooa", False),
    (["\\!important"], "!important", True),
    (["a\\b"], "a", True),  # "\b" reaches RE2 as a word boundary
    (["a\\b"], "ab", False),
    # --- characters that are literal in patterns but special in regexes
    (["foo.txt"], "fooXtxt", False),
    (["*.txt"], "notes.txt", True),
    (["a+b(c)"], "a+b(c)", True),
    (["{a,b}"], "a", False),
    (["{a,b}*"], "{a,b}x", True),
    (["cost$*"], "cost$1", True),
    (["a^b"], "a^b", True),
    (["a^b*"], "a^bc", False),  # "^" reaches RE2 as an anchor
    # --- wildcards never cross "/", classes can
    (["?"], "a", True),
    (["?"], "ab", False),
    (["a?c"], "a/c", False),
    (["a*b"], "a/b", False),
    (["a[/]c"], "a/c", True),
    # --- character classes
    (["[abc].txt"], "b.txt", True),
    (["[abc].txt"], "d.txt", False),
    (["[^abc].txt"], "d.txt", True),
    (["[^abc].txt"], "a.txt", False),
    (["[!abc].txt"], "!.txt", True),  # Go has no "!" negation
    (["[!abc].txt"], "d.txt", False),
    (["[a-c]*"], "build", True),
    (["[a-c]*"], "dist", False),
    (["file[0-9].log"], "file7.log", True),
    (["file[0-9].log"], "filex.log", False),
    (["[[:digit:]].txt"], "5.txt", True),
    (["[[:digit:]].txt"], "x.txt", False),
    (["[\\]]"], "]", True),
    (["[*]"], "]", True),  # "*" inside a class breaks the class open
    # --- dotfiles are not special
    ([".env*"], ".env.local", True),
    (["*.env"], ".env", True),
    (["*"], ".git/HEAD", True),
]


def _ignore(lines: list[str]) -> DockerIgnore:
    return DockerIgnore(read_dockerignore("\n".join(lines)))


@pytest.mark.parametrize(
    ("lines", "path", "excluded"),
    CASES,
    ids=[f"{'|'.join(lines)} ~ {path}" for lines, path, _ in CASES],
)
def test_matches(lines: list[str], path: str, excluded: bool) -> None:
    ignore = _ignore(lines)
    assert not ignore.errors
    assert ignore.matches(path) is excluded


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60


def test_read_keeps_line_numbers_and_text() -> None:
    text = "\ufeff# header\r\n\r\n  node_modules/  \r\n!/keep//me\n/\n"
    patterns = read_dockerignore(text)
    assert [(p.line, p.text, p.pattern, p.exception) for p in patterns] == [
        (3, "  node_modules/  ", "node_modules", False),
        (4, "!/keep//me", "keep/me", True),
        (5, "/", "/", False),
    ]
    assert str(patterns[1]) == "!keep/me"


def test_bom_only_stripped_at_start() -> None:
    (pattern,) = read_dockerignore("\ufeff*.log")
    assert pattern.pattern == "*.log"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("!", "illegal exclusion pattern"),
        ("!/", "illegal exclusion pattern"),
        ("[", "syntax error"),
        ("foo[", "syntax error"),
        ("[]a]", "syntax error"),
        ("[a-]", "syntax error"),
        ("trailing\\", "syntax error"),
        ("[z-a]", "syntax error"),  # valid for filepath.Match, rejected by RE2
        ("[[:nope:]]", "syntax error"),
        ("\\e", "syntax error"),
    ],
)
def test_invalid_patterns_are_reported_and_never_match(line: str, message: str) -> None:
    ignore = _ignore([line, "other"])
    (bad,) = ignore.errors
    assert message in (bad.error or "")
    assert bad.line == 1
    assert not ignore.matches("anything")
    assert ignore.matches("other")


def test_matching_pattern_names_the_deciding_line() -> None:
    ignore = _ignore(["*.md", "!README*.md", "build/"])
    assert ignore.matching_pattern("CHANGES.md").line == 1
    decider = ignore.matching_pattern("README.md")
    assert decider is not None and decider.exception and decider.line == 2
    assert ignore.matching_pattern("build/out/x.o").pattern == "build"
    assert ignore.matching_pattern("src/main.py") is None


def test_root_is_never_excluded() -> None:
    ignore = _ignore(["**", "*", "."])
    assert not ignore.matches(".")
    assert not ignore.matches("")
    assert ignore.matches("/a")


def test_state_without_parent_checks_ancestors() -> None:
    ignore = _ignore(["a"])
    assert ignore.state("a/b/c").excluded
    assert not ignore.state("a/b/c", ignore.state("a/b", ignore.state("x"))).excluded


@pytest.mark.parametrize(
    ("lines", "directory", "entirely"),
    [
        (["node_modules"], "node_modules", True),
        (["node_modules"], "src", False),
        (["*", "!src"], "docs", True),
        (["*", "!src"], "src", False),
        (["foo", "!foo/keep.txt"], "foo", False),
        (["foo", "!foo/keep.txt"], "foo/sub", True),
        (["foo", "!**/*.md"], "foo", False),
        (["foo", "!f*/x"], "foo", False),
        (["foo", "!bar*"], "foo", True),
        (["foo", "!foo"], "foo", False),
        (["a/b", "!a"], "a/b", True),
        ([".git", "!.gitignore"], ".git", True),
    ],
)
def test_excludes_dir_entirely(lines: list[str], directory: str, entirely: bool) -> None:
    assert _ignore(lines).excludes_dir_entirely(directory) is entirely


def test_excludes_dir_entirely_is_sound_for_the_table() -> None:
    # Whenever pruning says "entirely", no path below may be re-included.
    for lines, path, _ in CASES:
        ignore = _ignore(lines)
        parts = path.split("/")
        for depth in range(1, len(parts)):
            directory = "/".join(parts[:depth])
            if ignore.excludes_dir_entirely(directory):
                assert ignore.matches(path), (lines, directory, path)


def test_find_ignore_file_prefers_dockerfile_specific(tmp_path: Path) -> None:
    assert find_ignore_file(tmp_path, None) is None
    (tmp_path / ".dockerignore").write_text("*\n")
    assert find_ignore_file(tmp_path, None) == tmp_path / ".dockerignore"
    (tmp_path / "Dockerfile.dockerignore").write_text("")
    assert find_ignore_file(tmp_path, None) == tmp_path / "Dockerfile.dockerignore"
    docker_dir = tmp_path / "docker"
    docker_dir.mkdir()
    prod = docker_dir / "Dockerfile.prod"
    assert find_ignore_file(tmp_path, prod) == tmp_path / ".dockerignore"
    (docker_dir / "Dockerfile.prod.dockerignore").write_text("tests\n")
    assert find_ignore_file(tmp_path, prod) == docker_dir / "Dockerfile.prod.dockerignore"
    # A directory with the ignore file's name is not an ignore file.
    (docker_dir / "Other.dockerignore").mkdir()
    assert find_ignore_file(tmp_path, docker_dir / "Other") == tmp_path / ".dockerignore"
