from briefings.problems import Problem


def test_github_annotation_escapes_the_path_property():
    line = Problem("content/a,b:c.md", 3, "E-X", "bad: 50%", "fix").format_github()
    assert line == "::error file=content/a%2Cb%3Ac.md,line=3,col=1,title=E-X::bad: 50%25 (fix)"
