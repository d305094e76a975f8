"""JUnit XML (``--format junit``) for CI systems that show test reports.

Layout, chosen so that each linted file reads as one test suite::

    <testsuites name="pydolint" tests=".." failures=".." errors=".." skipped="..">
      <testsuite name="PATH" tests=".." failures=".." errors=".." skipped="..">
        <testcase classname="PATH" name="DF012 apt-get-pin (3:5)" file="PATH" line="3">
          <failure message="MESSAGE" type="warning">PATH:3:5: DF012 [warning] MESSAGE</failure>
        </testcase>
        ...
      </testsuite>
    </testsuites>

* one ``<testsuite>`` per linted file (``report.files`` order, then any other
  file a finding points into), with one failing ``<testcase>`` per finding
  whose ``failure/@type`` is the severity;
* a file without findings gets a single passing test case named
  ``pydolint``, so clean files still count as passed tests;
* a suppressed finding (when asked for) is a ``<skipped>`` test case;
* a file that could not be read is a test case with an ``<error>``.

Text is escaped by ``xml.etree``; characters that XML 1.0 cannot hold at all
(control characters) are written as ``\\x1b``-style escapes.
"""

from __future__ import annotations

from ._common import message_with_service, severity_of, xml_safe
from .report import Report

CLEAN_TESTCASE = "pydolint"


def render(report: Report) -> str:
    import xml.etree.ElementTree as ET

    by_path: dict[str, list] = {path: [] for path in report.files}
    for d in report.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    errors: dict[str, list[str]] = {}
    for path, message in report.errors:
        by_path.setdefault(path, [])
        errors.setdefault(path, []).append(message)

    root = ET.Element("testsuites", name="pydolint")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path, diagnostics in by_path.items():
        safe_path = xml_safe(path)
        suite = ET.SubElement(root, "testsuite", name=safe_path)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for message in errors.get(path, []):
            case = ET.SubElement(suite, "testcase", classname=safe_path, name="read",
                                 file=safe_path)
            ET.SubElement(case, "error", message=xml_safe(message), type="read-error")
            counts["tests"] += 1
            counts["errors"] += 1
        for d in diagnostics:
            severity = str(severity_of(d))
            message = xml_safe(message_with_service(d))
            case = ET.SubElement(
                suite,
                "testcase",
                classname=safe_path,
                name=xml_safe(f"{d.code} {d.name} ({d.line}:{d.column})"),
                file=safe_path,
                line=str(d.line),
            )
            counts["tests"] += 1
            if d.suppressed:
                ET.SubElement(case, "skipped", message="suppressed in source")
                counts["skipped"] += 1
                continue
            failure = ET.SubElement(case, "failure", message=message, type=severity)
            failure.text = f"{safe_path}:{d.line}:{d.column}: {d.code} [{severity}] {message}"
            counts["failures"] += 1
        if not counts["failures"] and not counts["errors"]:
            ET.SubElement(suite, "testcase", classname=safe_path, name=CLEAN_TESTCASE,
                          file=safe_path)
            counts["tests"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
