"""A GPU framework's default wheels are installed on the official python image.

## What it does
On stages built on an official `python` or `pypy` image, reports `torch`,
`torchvision`, `torchaudio`, `tensorflow` and `jax[cuda...]` installed by pip,
uv, poetry, pipenv or pdm, on the command line or from the requirements files
the install reads, unless the install selects CPU-only wheels: an index or
find-links URL with a `cpu` path segment (`--index-url
https://download.pytorch.org/whl/cpu`, also through `--extra-index-url`,
`PIP_INDEX_URL` or a requirements file), uv's `--torch-backend cpu`, or a
`+cpu` version (`torch==2.5.1+cpu`). `tensorflow-cpu` and `jax[cpu]` are
different packages and never reported; plain `jax` installs CPU wheels.

## Why it matters
From PyPI, `torch` on Linux pulls the CUDA runtime, cuDNN, cuBLAS and NCCL as
`nvidia-*` wheels, several gigabytes, and `tensorflow` ships GPU kernels. The
official python image has no GPU drivers or CUDA setup, so on CPU they are
dead weight: slower builds and pulls, bigger images. For CPU inference
install the CPU wheels; for GPU work build on an `nvidia/cuda` image.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir torch==2.5.1
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch==2.5.1
```
"""

from pydolint.analysis.commands import installer_calls
from pydolint.analysis.indexes import call_indexes, has_path_segment
from pydolint.analysis.python_tags import python_image_uses
from pydolint.analysis.requested_packages import requested_packages
from pydolint.analysis.stages import root_stage
from pydolint.diagnostics import Finding
from pydolint.knowledge import gpu_framework
from pydolint.rule import Rule


def check(ctx):
    document = ctx.document
    images = {item.use.instruction: item for item in python_image_uses(document)
              if item.use.kind == "from"}
    for stage in document.stages:
        image = images.get(root_stage(document, stage).from_instruction)
        if image is None:
            continue
        for instruction, script, call in installer_calls(document, stage.instructions):
            if call.subcommand not in ("install", "add"):
                continue
            indexes = None
            for wanted in requested_packages(document, instruction, script, call,
                                             ctx.build_context):
                package = wanted.package
                framework = gpu_framework(package.name)
                if framework is None or not framework.pulls_cuda(package.extras):
                    continue
                if framework.cpu_index:
                    indexes = indexes or call_indexes(document, instruction, script, call,
                                                      ctx.build_context)
                    if "+cpu" in package.specifier or indexes.torch_backend == "cpu" or any(
                            has_path_segment(url, "cpu") for url in indexes.urls):
                        continue
                extras = f"[{','.join(package.extras)}]" if package.extras else ""
                yield Finding(wanted.span, f"{package.name}{extras}{wanted.origin} on "
                                           f"{image.shown} brings {framework.pulls}, but the "
                                           "official python image has no GPU support: for CPU "
                                           f"use {framework.instead}, for GPU build on an "
                                           "nvidia/cuda base image", related=wanted.related)


RULE = Rule(code="PY108", name="gpu-framework-on-python-image", severity="info", check=check,
            doc=__doc__, tags=("python", "image-size"))
