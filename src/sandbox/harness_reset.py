# The restoring half of harness.py: reset() and the helpers that put C-level state, fds 0-2 and the file system
# back. vite-plugin.ts appends this file to harness.py, so both share one module namespace (_base, _armed, ...).
# Runs inside Pyodide (worker realm).


def reset():
    """Restores the interpreter to the snapshot; returns a list of reasons not to reuse it (empty: reusable)."""
    _armed[0] = False
    reasons = list(_dirty)
    _dirty.clear()
    # A second pass: finalisers that ran in drop() may have changed things again. What this pass releases stays in
    # _grave until the next execution's drop().
    _restore(_grave)
    warnings._filters_mutated()
    rl, digits, switch, agen = _base['sys']
    sys.setrecursionlimit(rl)
    sys.set_int_max_str_digits(digits)
    sys.setswitchinterval(switch)
    sys.set_asyncgen_hooks(*agen)
    sys.settrace(None)
    sys.setprofile(None)
    enabled, threshold, _callbacks = _base['gc']
    gc.enable() if enabled else gc.disable()
    gc.set_threshold(*threshold)
    gc.set_debug(0)
    del gc.garbage[:]
    if dict(os.environ) != _base['environ']:
        os.environ.clear()
        os.environ.update(_base['environ'])
    os.umask(_base['umask'])
    _reset_std_fds()
    try:
        os.chdir(_base['cwd'])
    except OSError:
        reasons.append('cwd')
    reasons.extend(_reset_fs())
    return reasons


def _reset_extension_state(name, m):
    # C extension modules keep some state outside their module dict, so it survives a re-import.
    try:
        if name == '_decimal' or name == '_pydecimal':
            m.setcontext(m.Context())
            dc = m.DefaultContext
            dc.prec, dc.rounding, dc.capitals, dc.clamp = 28, m.ROUND_HALF_EVEN, 1, 0
            dc.Emin, dc.Emax = -999999, 999999
            dc.clear_flags()
            dc.clear_traps()
            for t in (m.InvalidOperation, m.DivisionByZero, m.Overflow):
                dc.traps[t] = True
        elif name == '_csv':
            m.field_size_limit(131072)
            for d in m.list_dialects():
                if d not in ('excel', 'excel-tab', 'unix'):
                    m.unregister_dialect(d)
        elif name == '_locale':
            m.setlocale(m.LC_ALL, 'C')
        elif name == '_tracemalloc':
            m.stop()
        elif name == 'faulthandler':
            m.disable()
    except Exception:
        _dirty.append('state of ' + name)


def _reset_std_fds():
    # `open(0).read()` closes fd 0 when the file is collected, and os.dup2 can point fd 1 at a file: put back the
    # three devices Pyodide's stdin, stdout and stderr handlers are attached to.
    devices = ((0, '/dev/stdin', os.O_RDONLY), (1, '/dev/stdout', os.O_WRONLY), (2, '/dev/stderr', os.O_WRONLY))
    for fd, dev, flags in devices:
        try:
            st = os.fstat(fd)
            if (st.st_ino, st.st_rdev) == _base['fds'][fd]:
                continue
        except OSError:
            pass
        new = os.open(dev, flags)
        if new != fd:
            os.dup2(new, fd)
            os.close(new)


def _reset_fs():
    """Deletes what the program created; a changed or deleted file that existed before retires the interpreter."""
    base = _base['fs']
    now = _walk()
    reasons = []
    for p, meta in base.items():
        if now.get(p, _MISSING) != meta and p != SCRIPT:
            reasons.append('changed ' + p)
            break
    for p in sorted((p for p in now if p not in base), key=len, reverse=True):
        try:
            if stat.S_ISDIR(now[p][1]):
                os.rmdir(p)
            else:
                os.unlink(p)
        except OSError:
            reasons.append('cannot remove ' + p)
    return reasons
