import re, json, sys
path = sys.argv[1]
desc = json.load(open(sys.argv[2]))
src = open(path).read().split('\n')

def balance(line):
    # bracket balance outside strings/regex-ish quotes
    b = 0; i = 0; q = None
    while i < len(line):
        c = line[i]
        if q:
            if c == '\\': i += 2; continue
            if c == q: q = None
        else:
            if c in '\'"`': q = c
            elif c in '([{': b += 1
            elif c in ')]}': b -= 1
            elif c == '/' and i+1 < len(line) and line[i+1] == '/' : break
        i += 1
    return b

out = []
block = None
stack = []  # (indent, name)
pending_comment = None  # (start index in out, text)
i = 0
used = set()
missing = []
ends = {}  # line index in src -> description to append
n = len(src)
# First pass: find fields, their comments and their end lines.
comment_lines = {}
for idx, line in enumerate(src):
    m = re.match(r'^export const (\w+) = (?:z\.strictObject|EnvironmentSchema\.extend)\(\{', line)
    if m:
        block = m.group(1); stack = []; continue
    if block is None: continue
    fm = re.match(r'^(\s*)(\w+): (z\b.*|probability.*|DurationSchema.*)$', line)
    if not fm: continue
    indent = len(fm.group(1))
    while stack and stack[-1][0] >= indent: stack.pop()
    key = block + ':' + '.'.join([s[1] for s in stack] + [fm.group(2)])
    # find end line
    b = 0; j = idx
    while True:
        b += balance(src[j])
        if b <= 0 and src[j].rstrip().endswith(','): break
        j += 1
        if j >= n: raise SystemExit('no end for ' + key)
    # JSDoc directly above (single or multi-line)
    k = idx - 1; text = None; cstart = None
    if src[k].strip().startswith('/**') and src[k].strip().endswith('*/'):
        text = src[k].strip()[3:-2].strip(); cstart = k
    elif src[k].strip() == '*/':
        kk = k
        while not src[kk].strip().startswith('/**'): kk -= 1
        parts = [l.strip().lstrip('*').strip() for l in src[kk:k+1]]
        parts = [p for p in parts if p and p != '/']
        parts[0] = parts[0].replace('/**', '').strip()
        text = ' '.join(p for p in parts if p).replace('*/', '').strip(); cstart = kk
    has_describe = '.describe(' in ''.join(src[idx:j+1])
    if j > idx: stack.append((indent, fm.group(2)))
    if has_describe:
        used.add(key); continue
    d = desc.get(key)
    if d is None and text is not None: d = text
    elif d is not None and text is not None and desc.get(key+'!keepcomment') is None:
        d = d  # our own text wins; comment removed
    if d is None:
        missing.append(key); continue
    used.add(key)
    ends[j] = d
    if cstart is not None:
        for c in range(cstart, idx): comment_lines[c] = True
for idx, line in enumerate(src):
    if idx in comment_lines: continue
    if idx in ends:
        s = line.rstrip()
        assert s.endswith(',')
        line = s[:-1] + '.describe(' + json.dumps(ends[idx], ensure_ascii=False).replace("\\\"", '"').replace("'", "\\'").replace('"', "'", 0) + '),'
        # use single quotes
        body = ends[idx].replace('\\', '\\\\').replace("'", "\\'")
        line = s[:-1] + ".describe('" + body + "'),"
    out.append(line)
open(path, 'w').write('\n'.join(out))
print('missing', len(missing))
for m in missing: print(m)
unused = [k for k in desc if k not in used and not k.endswith('!keepcomment')]
print('unused', unused)
