"""Adding a detector in a few lines: anything with `name` and `scan(text) -> [Hit]`."""

import re
from collections.abc import Sequence

from agentguard import Guard, Hit, register_detector
from agentguard.policy import policy_from_mapping


class EmployeeIds:
    name = "employee_ids"
    pattern = re.compile(r"\bEMP-\d{6}\b")

    def scan(self, text: str) -> Sequence[Hit]:
        return [
            Hit(m.start(), m.end(), kind="pii/employee-id", rule="employee-id", severity="medium")
            for m in self.pattern.finditer(text)
        ]


# Either hand an instance to one guard...
guard = Guard(policy_from_mapping({"actions": {"pii": "mask"}}), detectors=[EmployeeIds()])
print(guard.sanitize("Escalate to EMP-004211 today"))

# ...or register a factory so policy files can switch it on with [detectors.employee_ids].
register_detector("employee_ids", lambda options: EmployeeIds())
guard = Guard(
    policy_from_mapping(
        {"detectors": {"secrets": {}, "employee_ids": {}}, "actions": {"pii": "redact"}}
    )
)
print(guard.sanitize("Escalate to EMP-004211 today"))
