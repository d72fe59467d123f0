#!/usr/bin/env python3
"""Writes cases.jsonl: prompt values in Python, JavaScript and YAML sources, each with the value
the language itself holds (Python's own evaluation, Node's, PyYAML's). The Swift readers must
produce exactly that text; the test reads the committed file, so it needs none of these tools.

Run from this folder: python3 generate.py (needs node and PyYAML)."""
import json, subprocess, textwrap, inspect, yaml

PY = [
  ("quotes", 'A = "double"\nB = \'single\'\nVALUE = A + " and " + B\n', "VALUE"),
  ("escapes", 'VALUE = "tab\\there\\nnew line \\x41\\u00e9\\U0001F600 \\101 \\\\ \\q \\\' \\""\n', "VALUE"),
  ("raw", 'VALUE = r"keep \\n and \\d+ as written"\n', "VALUE"),
  ("triple", 'VALUE = """First line.\nSecond line with \'quotes\' and "doubles".\n"""\n', "VALUE"),
  ("continuation", 'VALUE = """\\\nStarts here, \\\njoined.\n"""\n', "VALUE"),
  ("implicit", 'DAY = "Monday"\nVALUE = (\n    "You are a helpful assistant. "\n    \'Answer briefly.\'\n    f"Today is {DAY}."\n)\n', "VALUE"),
  ("dedent", 'import textwrap\n\nVALUE = textwrap.dedent("""\n    Rules:\n      - be brief\n    \t\n    - cite sources\n    """)\n', "VALUE"),
  ("cleandoc", 'import inspect\n\nVALUE = inspect.cleandoc("""   Title line\n        body one\n          body two\n\n    """)\n', "VALUE"),
  ("strip", 'VALUE = """\n\n  Answer in French.  \n\n""".strip()\n', "VALUE"),
  ("fstring-constant", 'NAME = "Ada"\nVALUE = f"Hello {NAME}, {{braces}} stay."\n', "VALUE"),
  ("class", 'class Prompts:\n    intro = "Intro. "\n    main_system = intro + """Main system prompt.\nUse tools wisely.\n"""\n', "Prompts.main_system"),
  ("inherited", 'class Base:\n    system = "Base system."\n\nclass Child(Base):\n    reminder = Base.system + " Remember the rules."\n', "Child.reminder"),
  ("crlf", 'VALUE = """one\r\ntwo\r\n"""\r\n', "VALUE"),
  ("unicode", 'VALUE = "naïve café — 日本語 🙂 e\\u0301"\n', "VALUE"),
  ("join", 'PARTS = ["alpha", "beta", "gamma"]\nVALUE = "\\n".join(PARTS)\n', "VALUE"),
  ("join-class", 'class Prompts:\n    RULES = (\n        "Be brief.",\n        "Cite sources.",\n    )\n    system = "Rules:\\n- " + "\\n- ".join(RULES)\n', "Prompts.system"),
]

JS = [
  ("quotes", 'const a = "double";\nconst b = \'single\';\nexport const VALUE = a + " and " + b;\n', "VALUE"),
  ("escapes", 'export const VALUE = "tab\\there\\nnew \\x41\\u00e9\\u{1F600}\\uD83D\\uDE00 \\\\ \\q \\0";\n', "VALUE"),
  ("template", 'const tone = "friendly";\nexport const VALUE = `You are ${tone}.\nLine two \\` tick \\${not} here.`;\n', "VALUE"),
  ("trim", 'export const VALUE = `\n  Indented text.\n  `.trim();\n', "VALUE"),
  ("continuation", 'export const VALUE = "one \\\ntwo";\n', "VALUE"),
  ("crlf", 'export const VALUE = `one\r\ntwo\rthree`;\r\n', "VALUE"),
  ("as-const", 'export const VALUE = "fixed" as const;\n', "VALUE"),
  ("join", 'const PARTS = ["alpha", "beta"];\nexport const VALUE = PARTS.join("\\n\\n");\n', "VALUE"),
  ("arrow", 'const base = "Base.";\nexport const VALUE = () => `${base} More.`;\n', "VALUE"),
]

YAML = [
  ("literal", 'agent:\n  templates:\n    system_template: |\n      You are an agent.\n        Indented line.\n\n      Last line.\n', "agent.templates.system_template"),
  ("folded", 'prompt: >\n  Folded lines\n  join with spaces.\n\n  New paragraph.\n', "prompt"),
  ("strip-keep", 'a: |-\n  no trailing newline\nb: |+\n  keeps them\n\n\nc: end\n', "b"),
  ("indent-indicator", 'value: |2\n    starts indented\n  base\n', "value"),
  ("quoted", 'single: \'it\'\'s here\'\ndouble: "tab\\there \\u00e9 \\x41 line\\nend"\n', "double"),
  ("plain-multiline", 'value: first line\n  continues here\n\n  new paragraph\n', "value"),
  ("list", 'steps:\n  - name: one\n    prompt: "first"\n  - name: two\n    prompt: |\n      second\n', "steps[1].prompt"),
  ("anchor", 'base: &shared |\n  Shared text.\nfeature:\n  system: *shared\n', "feature.system"),
  ("flow", 'config: {name: bot, prompts: [hello, "good bye"]}\n', "config.prompts[1]"),
  ("documents", '---\nfirst: one\n---\nsecond: two\n', "second"),
]

def js_value(source, symbol):
  program = source.replace(" as const", "").replace("export ", "") + \
    f"\nconst v = {symbol}; process.stdout.write(JSON.stringify(typeof v === 'function' ? v() : v));\n"
  return json.loads(subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True).stdout)

def py_value(source, symbol):
  scope = {}
  exec(compile(source, "m.py", "exec"), scope)
  value = scope
  for part in symbol.split("."):
    value = value[part] if isinstance(value, dict) else getattr(value, part)
  return value

def yaml_value(source, key):
  documents = [d for d in yaml.safe_load_all(source) if d is not None]
  import re
  for document in documents:
    value = document
    try:
      for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", key):
        value = value[int(index)] if index else value[name]
      return value
    except (KeyError, TypeError, IndexError):
      continue
  raise KeyError(key)

with open("cases.jsonl", "w") as out:
  for language, cases, extension, evaluate in [
    ("python", PY, "py", py_value), ("script", JS, "ts", js_value), ("yaml", YAML, "yaml", yaml_value)]:
    for name, source, selector in cases:
      out.write(json.dumps({"name": f"{language}/{name}", "file": f"{name}.{extension}", "source": source,
        "selector": selector, "expected": evaluate(source, selector)}, ensure_ascii=False, sort_keys=True) + "\n")
