"""Export the three assignments for nbgrader: `make grader` (python scripts/grader.py DIR).

Writes an nbgrader course directory: DIR/nbgrader_config.py and DIR/source/<assignment>/
<assignment>.ipynb (answer keys in solution regions, checks as autograded tests cells with
points; see giants/grader.py). Then, from DIR, the usual nbgrader steps:

    nbgrader generate_assignment test-a-claim     # release/: the student version, no key
    nbgrader collect test-a-claim                 # or copy submissions into submitted/<student>/
    nbgrader autograde test-a-claim
    nbgrader export                               # grades.csv

The notebooks import the book's helper package and data: install the book on the hub first
(`pip install -r requirements.txt` from the repository).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from giants.grader import export  # noqa: E402

if __name__ == "__main__":
    course = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "_build" / "grader").resolve()
    for path in export(course):
        print(f"nbgrader source: {path.relative_to(course)}")
    print(f"\nCourse directory: {course}. Next: cd {course} && nbgrader generate_assignment <assignment>")
