#!/usr/bin/env python3
"""An independent BagIt 1.0 (RFC 8493) validator, written from the RFC with the standard library only.

It shares no code with Vouch (TypeScript), so a test that runs both on the same pack catches a
verifier that agrees with its own builder but not with the spec. bagit-python (the Library of
Congress reference) is the better tool where it can be installed (`pip install bagit`,
`bagit.py --validate <bag>`); this one exists for machines without PyPI.

Usage: validate_bag.py <bag-dir>   exit 0 valid, 1 invalid (every problem printed), 2 usage.
"""
import hashlib
import os
import sys
import unicodedata

def decode_path(p):
    # RFC 8493 section 2.1.3: CR, LF and % are percent-encoded in manifest paths.
    return p.replace('%0D', '\r').replace('%0d', '\r').replace('%0A', '\n').replace('%0a', '\n').replace('%25', '%')

def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()

def read_manifest(bag, name, problems):
    entries = {}
    with open(os.path.join(bag, name), 'rb') as f:
        text = f.read().decode('utf-8')
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, path = line.partition(' ')
        path = path.lstrip(' ').lstrip('*')
        if not sep or len(digest) != 64:
            problems.append(f'{name}:{n}: malformed line')
            continue
        path = unicodedata.normalize('NFC', decode_path(path))
        if path.startswith('/') or '..' in path.split('/') or '\\' in path:
            problems.append(f'{name}:{n}: unsafe path {path!r}')
            continue
        if path in entries:
            problems.append(f'{name}:{n}: duplicate entry {path}')
        entries[path] = digest.lower()
    return entries

def walk(root):
    for base, dirs, files in os.walk(root):
        for f in files:
            full = os.path.join(base, f)
            yield unicodedata.normalize('NFC', os.path.relpath(full, root).replace(os.sep, '/')), full

def validate(bag):
    problems = []
    try:
        with open(os.path.join(bag, 'bagit.txt'), 'rb') as f:
            decl = f.read().decode('utf-8').splitlines()
    except OSError as e:
        return [f'bagit.txt: {e.strerror}']
    if len(decl) != 2 or not decl[0].startswith('BagIt-Version: ') or decl[1] != 'Tag-File-Character-Encoding: UTF-8':
        problems.append('bagit.txt: not the two required lines')
    manifests = [m for m in os.listdir(bag) if m.startswith('manifest-') and m.endswith('.txt')]
    if 'manifest-sha256.txt' not in manifests:
        return problems + ['manifest-sha256.txt: missing']
    payload = read_manifest(bag, 'manifest-sha256.txt', problems)
    on_disk = dict(walk(os.path.join(bag, 'data')))
    for path, digest in payload.items():
        if not path.startswith('data/'):
            problems.append(f'manifest-sha256.txt: {path} is outside data/')
            continue
        full = on_disk.get(path[len('data/'):])
        if full is None:
            problems.append(f'{path}: listed but missing')
        elif sha256(full) != digest:
            problems.append(f'{path}: sha256 mismatch')
    for rel in on_disk:
        if 'data/' + rel not in payload:
            problems.append(f'data/{rel}: present but not in the manifest')
    info = {}
    with open(os.path.join(bag, 'bag-info.txt'), 'rb') as f:
        label = None
        for line in f.read().decode('utf-8').splitlines():
            if line[:1] in (' ', '\t') and label:
                info[label] += ' ' + line.strip()
            elif ':' in line:
                label, _, value = line.partition(':')
                info[label.strip()] = value.strip()
    oxum = info.get('Payload-Oxum')
    if oxum:
        size = sum(os.path.getsize(p) for p in on_disk.values())
        if oxum != f'{size}.{len(on_disk)}':
            problems.append(f'bag-info.txt: Payload-Oxum {oxum} != {size}.{len(on_disk)}')
    if os.path.exists(os.path.join(bag, 'tagmanifest-sha256.txt')):
        for path, digest in read_manifest(bag, 'tagmanifest-sha256.txt', problems).items():
            full = os.path.join(bag, path)
            if not os.path.isfile(full):
                problems.append(f'{path}: listed in tagmanifest but missing')
            elif sha256(full) != digest:
                problems.append(f'{path}: sha256 mismatch (tag manifest)')
    return problems

if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        sys.exit(2)
    found = validate(sys.argv[1])
    for p in found:
        print(p)
    print('valid' if not found else f'invalid: {len(found)} problem(s)')
    sys.exit(0 if not found else 1)
