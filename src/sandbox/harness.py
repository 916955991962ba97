# Runs one program the way `python3 file.py` does, then puts the interpreter back the way it found it.
# Loaded once per interpreter by src/sandbox/worker.ts; runs inside Pyodide (worker realm).
#
# Per execution the worker calls prepare(code), which returns a fresh wrapper namespace; then its run(), report()
# and finish() (user code runs only inside these, called straight from JavaScript, so no frame of this module is on
# the stack for a program to walk into); bury() and the wrapper's drop() (the program's objects are released there,
# finalisers included, outside this module); then reset(), which restores the rest and returns the reasons this
# interpreter must not be reused (empty: reuse it).
#
# What is restored: sys.modules (modules the program imported are dropped; the shared ones below keep their
# namespaces, classes and module-level dicts and lists as snapshotted), builtins, sys settings and streams, warnings
# filters, gc settings, os.environ, cwd, umask, fds 0-2, C-level state of decimal/csv/locale/tracemalloc, and the
# file system (new files deleted; a changed old one retires the interpreter). What cannot be restored is noticed by
# an audit hook and retires the interpreter. reset() and its helpers are in harness_reset.py, which vite-plugin.ts
# appends to this file: both run as one module.
import builtins
import gc
import os
import stat
import sys
import types
import warnings

SCRIPT = '/tmp/main.py'
_H = globals()

# Modules a fresh `python3` has loaded at start-up, plus pure, state-free ones kept loaded across executions
# because almost every program imports them (re-importing them each time costs more than running the program).
# Every other module Pyodide loaded for itself is hidden while a program runs, so `import logging`, `asyncio`,
# `random`, `typing`... give the program a fresh module, dropped afterwards.
_SHARED = {
    '__main__', '_abc', '_codecs', '_collections_abc', '_frozen_importlib', '_frozen_importlib_external', '_imp',
    '_io', '_signal', '_sitebuiltins', '_stat', '_thread', '_warnings', '_weakref', 'abc', 'builtins', 'codecs',
    'encodings', 'encodings.aliases', 'encodings.utf_8', 'genericpath', 'io', 'marshal', 'os', 'os.path', 'posix',
    'posixpath', 'site', 'stat', 'sys', 'time', 'zipimport',
    'math', 'itertools', '_functools', 'functools', '_operator', 'operator', '_collections', 'collections',
    'collections.abc', 'keyword', 'reprlib', '_heapq', 'heapq', '_bisect', 'bisect', 'types', 'copyreg', '_string',
    'string', '_struct', 'struct', 'array', '_weakrefset', 'weakref', 're', 're._casefix', 're._compiler',
    're._constants', 're._parser', '_sre', 'enum', 'copy', '_typing', 'typing', 'contextlib', 'warnings', 'gc',
}
# Importing one of these hands a program the JavaScript realm or raw memory: allowed (the sandbox is the
# boundary), but the interpreter is not reused afterwards.
_ESCAPES = ('js', 'pyodide', '_pyodide', 'pyodide_js', 'ctypes', '_ctypes', 'micropip')
_FRAME_ATTRS = {'tb_frame', 'gi_frame', 'cr_frame', 'ag_frame', 'f_back'}

_MISSING = object()
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: built-in types, which refuse attribute assignment anyway
_base = {}
_dirty = []
_armed = [False]
_grave = []
_CAPTURED = {}
_base_ids = set()


def _snapshot():
    """Records the state reset() restores. Called once, before any program runs."""
    mods = dict(sys.modules)
    _base['modules'] = mods
    _base['visible'] = {k: v for k, v in mods.items() if k in _SHARED}
    _base['dicts'] = [(m.__dict__, dict(m.__dict__)) for m in mods.values() if isinstance(m, types.ModuleType)]
    # Containers held at module level are restored in place (re's cache, copyreg's tables, sys.path...).
    conts = []
    for d, snap in _base['dicts']:
        for v in snap.values():
            if type(v) is dict:
                conts.append((v, dict(v)))
            elif type(v) is list:
                conts.append((v, list(v)))
    _base['containers'] = conts
    # Classes of the shared modules (collections.Counter, typing...) are restored attribute by attribute: assigning
    # `Counter.most_common = ...` raises no audit event, so it must be undone, not noticed.
    classes = {}
    for name in _SHARED:
        m = mods.get(name)
        for v in getattr(m, '__dict__', {}).values():
            if isinstance(v, type) and not v.__flags__ & _IMMUTABLE_TYPE:
                classes[id(v)] = (v, dict(v.__dict__))
    _base['classes'] = list(classes.values())
    _base['sys'] = (
        sys.getrecursionlimit(), sys.get_int_max_str_digits(), sys.getswitchinterval(), sys.get_asyncgen_hooks(),
    )
    _base['gc'] = (gc.isenabled(), gc.get_threshold(), list(gc.callbacks))
    _base['environ'] = dict(os.environ)
    _base['umask'] = os.umask(0o022)
    os.umask(_base['umask'])
    os.makedirs('/tmp', exist_ok=True)
    _base['cwd'] = os.getcwd()
    _base['fds'] = [(os.fstat(fd).st_ino, os.fstat(fd).st_rdev) for fd in (0, 1, 2)]
    _base['fs'] = _walk()


def _walk():
    """Every path outside /dev and /proc with what changes when it is written: the file system to diff against."""
    seen = {}
    stack = ['/']
    while stack:
        d = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for e in entries:
            p = e.path
            if p in ('/dev', '/proc'):
                continue
            try:
                st = e.stat(follow_symlinks=False)
            except OSError:
                continue
            # A directory's size and mtime change when entries come and go; those are diffed one by one.
            if stat.S_ISDIR(st.st_mode):
                seen[p] = (st.st_ino, st.st_mode)
                stack.append(p)
            else:
                seen[p] = (st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns)
    return seen


def _frames_reach_harness(f):
    while f is not None:
        if f.f_globals is _H:
            return True
        f = f.f_back
    return False


def _audit(event, args):
    # Runs for every audited event while a program runs: keep it cheap. It cannot stop a determined program
    # (Pyodide is not a security boundary); it notices what reset() cannot undo, so that interpreter is retired.
    if not _armed[0]:
        return
    _armed[0] = False  # what this hook does itself (reading frames) is not the program's doing
    try:
        _check(event, args)
    finally:
        _armed[0] = True


def _check(event, args):
    if event == 'import':
        name = args[0]
        if name.split('.', 1)[0] in _ESCAPES:
            _dirty.append('import ' + name)
    elif event == 'object.__setattr__' or event == 'object.__delattr__':
        # Raised for special attributes only (a class's __name__ or __bases__, a function's __code__ or
        # __defaults__...). Objects the program created (its own, or the stdlib's as it imports) are its business.
        if id(args[0]) in _base_ids:
            _dirty.append('changed ' + str(args[1]) + ' of a shared object')
    elif event == 'object.__getattr__':
        if args[1] in _FRAME_ATTRS:
            try:
                if _frames_reach_harness(getattr(args[0], args[1])):
                    _dirty.append('frame ' + args[1])
            except Exception:
                _dirty.append('frame ' + args[1])
    elif event == 'sys._getframe':
        if _frames_reach_harness(args[0]):
            _dirty.append('sys._getframe')
    elif event in _RETIRE_EVENTS:
        _dirty.append(event)


# Events after which the interpreter is not reused: hooks that outlive the program, raw object-graph access (the
# way to mutate built-in types), hand-made code objects, and file metadata changes the file-system diff misses.
# (Not marshal.loads: every import of a .pyc raises it.)
_RETIRE_EVENTS = {
    'sys.addaudithook', 'sys.settrace', 'sys.setprofile', 'sys._current_frames', 'sys._current_exceptions',
    'sys.unraisablehook', 'sys.set_asyncgen_hooks_firstiter', 'sys.set_asyncgen_hooks_finalizer', 'setopencodehook',
    'gc.get_objects', 'gc.get_referrers', 'gc.get_referents', 'code.__new__', 'function.__new__', 'ctypes.dlopen',
    'cpython.run_stdin', 'os.chmod', 'os.chown', 'os.link', 'os.symlink', 'os.truncate', 'os.utime', 'os.exec',
    'os.fork', 'os.posix_spawn', 'os.spawn', 'os.system', 'os.kill', 'os.killpg',
}

# The per-execution namespace: user code runs inside these functions, called straight from JavaScript. Builtins
# they need are bound here, so a program that deletes `builtins.print` cannot break its own exit status.
_WRAPPER = '''
def run():
    global _exc
    try:
        exec(compile(_src, _path, 'exec', dont_inherit=True), _g)
    except BaseException as e:
        _exc = e

def report():
    # What the interpreter does with an exception that reaches the top: SystemExit sets the status (a non-integer
    # code is printed to stderr), anything else goes through sys.excepthook with status 1.
    e = _exc
    if e is None:
        return 0
    if isinstance(e, SystemExit):
        code = e.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 255
        try:
            print(code, file=sys.stderr)
        except BaseException:
            pass
        return 1
    tb = e.__traceback__
    try:
        sys.excepthook(type(e), e, tb.tb_next if tb is not None else None)
    except BaseException:
        pass
    return 1

def finish():
    # Interpreter shutdown: exit functions, then flush both streams.
    try:
        atexit._run_exitfuncs()
    except BaseException:
        pass
    atexit._clear()
    for s in (sys.stdout, sys.stderr):
        try:
            s.flush()
        except BaseException:
            pass

def drop():
    # Releases what the program left behind (bury() put it here), so its finalisers run now, with no harness frame
    # below them, and before reset() restores the state again.
    global _exc, _g
    _exc = _g = None
    _keep.clear()
    gc.collect()
'''

_WRAPPER_CODE = compile(_WRAPPER, '<sandbox>', 'exec')


def prepare(code):
    """Sets up a fresh __main__, std streams and argv for one execution; returns the wrapper namespace."""
    _dirty.clear()
    with open(SCRIPT, 'w', encoding='utf-8', errors='surrogatepass') as f:
        f.write(code)
    main = types.ModuleType('__main__')
    g = main.__dict__
    g.update(__file__=SCRIPT, __builtins__=builtins, __cached__=None)
    # Not a tty: stdout is block-buffered and stderr line-buffered, as under Affine's pipes.
    sys.stdin = sys.__stdin__ = open(0, 'r', encoding='utf-8', closefd=False)
    sys.stdout = sys.__stdout__ = open(1, 'w', encoding='utf-8', closefd=False)
    sys.stderr = sys.__stderr__ = open(2, 'w', encoding='utf-8', errors='backslashreplace', closefd=False,
                                       buffering=1)
    sys.argv[:] = [SCRIPT]
    sys.path[0] = '/tmp'
    w = dict(_CAPTURED, _src=code, _path=SCRIPT, _g=g, _exc=None, _keep=[])
    exec(_WRAPPER_CODE, w)
    sys.modules.clear()
    sys.modules.update(_base['visible'])
    sys.modules['__main__'] = main
    _armed[0] = True
    return w


def bury(w):
    """Restores modules and namespaces, keeping what they held alive in w['_keep'] until wrapper.drop()."""
    keep = w['_keep']
    old = dict(sys.modules)
    keep.append(old)
    keep.append(w['_g'])
    keep.extend(_grave)
    del _grave[:]
    for name, m in old.items():
        if name not in _base['modules']:
            _reset_extension_state(name, m)
    _restore(keep)


def _restore(keep):
    sys.modules.clear()
    sys.modules.update(_base['modules'])
    for d, snap in _base['dicts']:
        keep.append(dict(d))
        d.clear()
        d.update(snap)
    for cls, snap in _base['classes']:
        d = cls.__dict__
        if len(d) == len(snap) and all(d.get(k, _MISSING) is v for k, v in snap.items()):
            continue
        keep.append(dict(d))
        for k in [k for k in d if k not in snap]:
            delattr(cls, k)
        for k, v in snap.items():
            if d.get(k, _MISSING) is not v:
                setattr(cls, k, v)
    for c, snap in _base['containers']:
        if type(c) is list:
            keep.append(c[:])
            c[:] = snap
        else:
            keep.append(dict(c))
            c.clear()
            c.update(snap)



def setup():
    """Called once per interpreter, before any program: snapshot, audit hook, and a baseline script file."""
    import atexit

    _CAPTURED.update(
        __builtins__=builtins, sys=sys, atexit=atexit, gc=gc, exec=exec, compile=compile, print=print, type=type,
        isinstance=isinstance, int=int, SystemExit=SystemExit, BaseException=BaseException,
    )
    with open(SCRIPT, 'w') as f:
        f.write('')
    # No event loop is running under `python3 file.py`; Pyodide's own would make asyncio.run() refuse to start.
    import _asyncio

    _asyncio._set_running_loop(None)
    _snapshot()
    # The id of every object the collector tracks now, types and functions among them: map(id, ...) runs in C, while
    # picking out the types and functions in Python cost ~50 ms of a cold start.
    _base_ids.update(map(id, gc.get_objects()))
    # Frozen, what exists now stays out of every later collection: those cover what the program allocated. No
    # gc.collect() first (60-90 ms of a cold start): start-up's own garbage is frozen too, a little memory.
    gc.freeze()
    sys.addaudithook(_audit)
