import pytest

from pydolint.imageref import ImageRef, parse_image_ref

SHA = "sha256:" + "0123456789abcdef" * 4


@pytest.mark.parametrize(
    ("text", "registry", "repository", "tag", "digest"),
    [
        ("python", "docker.io", "library/python", None, None),
        ("python:3.12-slim", "docker.io", "library/python", "3.12-slim", None),
        ("docker.io/python", "docker.io", "library/python", None, None),
        ("docker.io/library/python:3", "docker.io", "library/python", "3", None),
        ("index.docker.io/python", "docker.io", "library/python", None, None),
        ("bitnami/python:3.12", "docker.io", "bitnami/python", "3.12", None),
        ("ghcr.io/astral-sh/uv:0.5", "ghcr.io", "astral-sh/uv", "0.5", None),
        ("localhost/app", "localhost", "app", None, None),
        ("localhost:5000/team/app:v1", "localhost:5000", "team/app", "v1", None),
        ("registry:5000/app", "registry:5000", "app", None, None),
        ("Registry/app", "Registry", "app", None, None),  # upper case: a domain
        ("[::1]:5000/app:1", "[::1]:5000", "app", "1", None),
        ("gcr.io/distroless/python3-debian12:nonroot", "gcr.io", "distroless/python3-debian12",
         "nonroot", None),
        ("public.ecr.aws/docker/library/python:3.12", "public.ecr.aws", "docker/library/python",
         "3.12", None),
        (f"python@{SHA}", "docker.io", "library/python", None, SHA),
        (f"python:3.12@{SHA}", "docker.io", "library/python", "3.12", SHA),
        ("a/b/c/d", "docker.io", "a/b/c/d", None, None),
        ("my_org/my__app-x", "docker.io", "my_org/my__app-x", None, None),
        ("python:Latest_1.x", "docker.io", "library/python", "Latest_1.x", None),
        ("  python:3  ", "docker.io", "library/python", "3", None),
    ],
)
def test_parse(text, registry, repository, tag, digest):
    ref = parse_image_ref(text)
    assert ref == ImageRef(registry=registry, repository=repository, tag=tag, digest=digest,
                           raw=text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Python",  # repositories are lower case
        "docker.io/Library/python",
        "python:",
        "python:-bad",  # a tag starts with a word character
        "python:" + "a" * 129,
        "python:3.12:slim",
        "python@sha256:abc",  # too short
        "python@sha256:" + "A" * 64,  # upper-case hex
        "python@md5:" + "0" * 32,  # unsupported algorithm
        "python@" + "0" * 64,
        "0123456789abcdef" * 4,  # a bare image id
        "python:${TAG}",
        "$IMAGE",
        "${REGISTRY}/app",
        "my--app_",  # ends with a separator
        "-python",
        "a//b",
        "ghcr.io/",
        "a" * 250 + "/" + "b" * 10,
        "python 3",
    ],
)
def test_invalid(text):
    assert parse_image_ref(text) is None


def test_never_raises_on_odd_input():
    for text in (None, 3, "@", ":", "/", "@@", "::", "a@b@c", "[", "[::1", "ünïcode"):
        assert parse_image_ref(text) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "familiar_name", "is_official", "short_name", "familiar"),
    [
        ("python:3.12", "python", True, "python", "python:3.12"),
        ("docker.io/library/python", "python", True, "python", "python"),
        ("bitnami/python", "bitnami/python", False, "python", "bitnami/python"),
        ("ghcr.io/a/b:1", "ghcr.io/a/b", False, "b", "ghcr.io/a/b:1"),
        ("localhost:5000/python", "localhost:5000/python", False, "python",
         "localhost:5000/python"),
        (f"python:3@{SHA}", "python", True, "python", f"python:3@{SHA}"),
    ],
)
def test_properties(text, familiar_name, is_official, short_name, familiar):
    ref = parse_image_ref(text)
    assert ref is not None
    assert ref.familiar_name == familiar_name
    assert ref.is_official is is_official
    assert ref.short_name == short_name
    assert ref.familiar == familiar
    assert ref.has_variables is False


def test_name_and_variables_flag():
    ref = parse_image_ref("python:3")
    assert ref is not None and ref.name == "docker.io/library/python"
    built = ImageRef("docker.io", "library/python", "${V}", None, "python:${V}")
    assert built.has_variables
