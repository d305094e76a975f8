"""Checkstyle XML (``--format checkstyle``) for Jenkins, reviewdog, Sonar and friends.

::

    <checkstyle version="4.3">
      <file name="Dockerfile">
        <error line="3" column="5" severity="warning" message="..." source="pydolint.DF012"/>
      </file>
    </checkstyle>

Every linted file gets a ``<file>`` element, clean ones too. Severity:
error -> ``error``, warning -> ``warning``, info and style -> ``info``.
A file that could not be read gets ``<error line="0" severity="error"
source="pydolint.read-error">``. Suppressed findings are left out. A compose
service is appended to the message. Control characters, which XML 1.0 cannot
hold, are written as ``\\x1b``-style escapes.
"""

from __future__ import annotations

from pydolint.diagnostics import Severity

from ._common import message_with_service, severity_of, xml_safe
from .report import Report

CHECKSTYLE_VERSION = "4.3"
SEVERITIES = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "info",
    Severity.STYLE: "info",
}


def render(report: Report) -> str:
    import xml.etree.ElementTree as ET

    root = ET.Element("checkstyle", version=CHECKSTYLE_VERSION)
    files: dict[str, ET.Element] = {}

    def file_element(path: str) -> ET.Element:
        element = files.get(path)
        if element is None:
            element = files[path] = ET.SubElement(root, "file", name=xml_safe(path))
        return element

    for path in report.files:
        file_element(path)
    for path, message in report.errors:
        ET.SubElement(file_element(path), "error", line="0", severity="error",
                      message=xml_safe(message), source="pydolint.read-error")
    for d in report.diagnostics:
        if d.suppressed:
            continue
        ET.SubElement(
            file_element(d.path),
            "error",
            line=str(d.line),
            column=str(d.column),
            severity=SEVERITIES[severity_of(d)],
            message=xml_safe(message_with_service(d)),
            source=f"pydolint.{d.code}",
        )
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
