// Package boltdb implements playbook.Store on a bbolt file.
//
// Every write is one bbolt read-write transaction, committed with fsync
// before the method returns. Reads are short read transactions whose
// results are copied out before the transaction ends; no method holds a
// transaction while calling back into the caller.
package boltdb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/playdrill/playdrill/internal/atomicfile"
	"github.com/playdrill/playdrill/internal/playbook"
)

// Options for Open.
type Options struct {
	// Timeout is how long to wait for another process's lock (default 1s).
	Timeout time.Duration
	// Now is the store's clock (default time.Now).
	Now func() time.Time
	// ReadOnly opens without write access (shared lock).
	ReadOnly bool
	// Shared locks the file for each transaction instead of for as long
	// as the database is open, so that other playdrill processes (a
	// report, a backup, a second drill) use it in between. A transaction
	// waits up to Timeout for another's lock. The file stays open between
	// transactions, unlocked, and is opened afresh after another process
	// wrote to it. For sessions that stay open for long: the TUI and
	// drills.
	Shared bool
}

// DB is a playdrill progress database.
type DB struct {
	bolt     *bolt.DB
	path     string
	now      func() time.Time
	loc      *time.Location
	readOnly bool
	// damaged is set once bbolt panicked on the file.
	damaged atomic.Pointer[playbook.Error]
	// ident is the file opened, gone set once the path no longer names it.
	ident os.FileInfo
	gone  atomic.Pointer[playbook.Error]
	// shared is set in Shared mode: bolt is nil between transactions and
	// keep holds the file opened (unlocked), so that it can be rescued if
	// the path stops naming it.
	shared  bool
	timeout time.Duration
	keep    *os.File
	// held is the bbolt handle Shared mode keeps between transactions,
	// with its lock released: the file it opened, and the id of the last
	// transaction it saw. A transaction locks the file again and, if
	// another process wrote meanwhile, opens it afresh (see handle).
	heldMu   sync.Mutex
	held     *bolt.DB
	heldFile *os.File
	heldTx   uint64
}

var _ playbook.Store = (*DB)(nil)

// Open opens or creates the database at path.
//
// An existing file is first opened read-only and checked, so that a file
// that is not a playdrill database (foreign, damaged, empty, truncated) is
// refused with ENotStore before anything could write to it. A locked file
// gives ELocked after opt.Timeout, a newer schema ESchema; an older schema
// is migrated in one transaction.
func Open(path string, opt Options) (*DB, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = defaultTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if !opt.ReadOnly {
		removeLeftovers(path)
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if opt.ReadOnly {
			return nil, playbook.Errorf(playbook.ENotFound, "no progress database at %s", path)
		}
		if err := create(path, opt.Timeout); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, &playbook.Error{Code: playbook.EInternal, Message: "progress database " + path, Err: err}
	case info.IsDir():
		return nil, playbook.Errorf(playbook.ENotStore, "%s is a folder, not a playdrill database", path)
	case !info.Mode().IsRegular():
		return nil, notRegularError(path, info)
	}

	ro, ver, err := openChecked(path, opt.Timeout)
	if err != nil {
		return nil, err
	}
	if !opt.ReadOnly {
		// Nothing is written to a file doctor would call damaged, nor
		// upgraded from one.
		if problems := writeCheck(ro, path, ver.old()); len(problems) > 0 {
			_ = ro.Close()
			return nil, notStore(path, "damaged: "+problems[0]+"; run 'playdrill doctor'")
		}
	}
	db := &DB{path: path, now: opt.Now, loc: opt.Now().Location(), readOnly: opt.ReadOnly}
	if opt.ReadOnly {
		if ver.old() {
			_ = ro.Close()
			return nil, playbook.Errorf(playbook.ESchema,
				"%s has %s and needs upgrading to version %d; open it once without read-only access", path, ver, schemaVersion)
		}
		db.bolt = ro
		return db, nil
	}
	if err := ro.Close(); err != nil {
		return nil, &playbook.Error{Code: playbook.EInternal, Message: "progress database " + path, Err: err}
	}

	rw, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout, OpenFile: openExisting})
	if err != nil {
		return nil, openError(path, err)
	}
	db.bolt = rw
	db.identify()
	if ver.old() {
		if err := db.update(func(tx *bolt.Tx) error { return migrate(tx, path, db.loc) }); err != nil {
			_ = rw.Close()
			return nil, err
		}
	}
	privatise(path)
	if opt.Shared {
		keep, err := os.Open(path)
		if err != nil {
			_ = rw.Close()
			return nil, &playbook.Error{Code: playbook.EInternal, Message: "progress database " + path, Err: err}
		}
		if err := rw.Close(); err != nil {
			_ = keep.Close()
			return nil, &playbook.Error{Code: playbook.EInternal, Message: "progress database " + path, Err: err}
		}
		db.bolt, db.shared, db.timeout, db.keep = nil, true, opt.Timeout, keep
	}
	return db, nil
}

// maxWriteCheck is the largest file checked in full before it is opened
// for writing: the check reads every page, which a file of this size costs
// a few milliseconds; a larger one relies on the checks bbolt and the store
// make as they go.
const maxWriteCheck = 32 << 20

// writeCheck runs doctor's checks on a file about to be written, when it is
// small enough to check quickly. A file of an older schema, about to be
// upgraded, gets bbolt's page check only: the content checks read the
// current layout.
func writeCheck(ro *bolt.DB, path string, old bool) []string {
	if info, err := os.Stat(path); err != nil || info.Size() > maxWriteCheck {
		return nil
	}
	if problems := consistency(ro); len(problems) > 0 || old {
		return problems
	}
	return checkContent(ro, &Report{})
}

// openExisting opens the data file for bbolt without O_CREATE: the file
// was checked a moment ago, and if it vanished since, bbolt must fail
// rather than quietly start an empty database in its place.
func openExisting(name string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag&^os.O_CREATE, perm)
}

// privatise makes the file readable by its owner only, as the product
// promises; an older file may have been made with a looser mode.
func privatise(path string) {
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		_ = os.Chmod(path, 0o600)
	}
}

// create makes a new database at path: it is built and synced under a
// temporary name and then linked into place, so a crash half-way never
// leaves an empty or partial file at path.
func create(path string, timeout time.Duration) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &playbook.Error{Code: playbook.EInternal, Message: "database folder " + dir, Err: err}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".new-*")
	if err != nil {
		return &playbook.Error{Code: playbook.EInternal, Message: "creating " + path, Err: err}
	}
	name := tmp.Name()
	_ = tmp.Close()
	defer os.Remove(name)

	db, err := bolt.Open(name, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return &playbook.Error{Code: playbook.EInternal, Message: "creating " + path, Err: err}
	}
	err = db.Update(initLayout)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &playbook.Error{Code: playbook.EInternal, Message: "creating " + path, Err: err}
	}
	// Never replaces a file another playdrill created meanwhile: that one
	// is used instead.
	if err := atomicfile.Place(name, path, atomicfile.Create); err != nil && !errors.Is(err, fs.ErrExist) {
		return &playbook.Error{Code: playbook.EInternal, Message: "creating " + path, Err: err}
	}
	return nil
}

// initLayout creates the top-level buckets and the meta of a new file.
func initLayout(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	if err := meta.Put(keyApp, []byte(appID)); err != nil {
		return err
	}
	if err := meta.Put(keySchema, encodeSchema(schemaVersion)); err != nil {
		return err
	}
	_, err = tx.CreateBucketIfNotExists(bucketFeedback)
	return err
}

// openChecked opens path read-only (a shared lock; the file is opened
// O_RDONLY so nothing can be written) and checks that it is a playdrill
// database this playdrill can read. It returns the open handle and the
// file's schema version.
func openChecked(path string, timeout time.Duration) (*bolt.DB, fileVersion, error) {
	var none fileVersion
	// Another playdrill may be writing: the file is checked under a
	// reader's lock, so it holds still.
	unlock, err := readLock(path, timeout)
	if err != nil {
		return nil, none, openError(path, err)
	}
	defer unlock()
	info, err := os.Stat(path)
	if err != nil {
		return nil, none, &playbook.Error{Code: playbook.EInternal, Message: "progress database " + path, Err: err}
	}
	if info.Size() == 0 {
		return nil, none, playbook.Errorf(playbook.ENotStore,
			"%s is an empty file, not a playdrill database; it was left as it is (move it away or use --db)", path)
	}
	if err := verifyFile(path, info.Size() <= maxWriteCheck); err != nil {
		if errors.Is(err, errDamaged) {
			return nil, none, notStore(path, err.Error())
		}
		return nil, none, &playbook.Error{Code: playbook.EInternal, Message: "progress database " + path, Err: err}
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		return nil, none, openError(path, err)
	}
	ver, err := readMeta(db, path, info.Size())
	if err != nil {
		_ = db.Close()
		return nil, none, err
	}
	return db, ver, nil
}

// openError turns bbolt's open errors into coded errors for the user.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return playbook.Errorf(playbook.ELocked,
			"%s is in use by another playdrill; close it and try again", path)
	case errors.Is(err, syscall.EROFS):
		return playbook.Errorf(playbook.EInternal,
			"progress database %s is on a read-only file system; drilling records every attempt there, so use a writable place (--db)", path)
	}
	// A file the system would not open or lock says nothing about its
	// contents: only bbolt's own complaints mean it is not a database.
	var pe *fs.PathError
	if errors.As(err, &pe) || errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist) {
		return &playbook.Error{Code: playbook.EInternal, Message: "progress database " + path, Err: err}
	}
	return notStore(path, err.Error())
}

// notRegularError refuses a path that names a pipe, socket or device.
func notRegularError(path string, info fs.FileInfo) error {
	return playbook.Errorf(playbook.ENotStore,
		"%s is not a regular file but %s, so not a playdrill database; it was left as it is (use --db)", path, atomicfile.Kind(info.Mode()))
}

func notStore(path, why string) error {
	return playbook.Errorf(playbook.ENotStore,
		"%s is not a playdrill database (%s); it was left as it is (move it away or use --db)", path, why)
}

// readMeta checks the file's meta bucket and returns its schema version.
// A damaged file can make bbolt touch memory past the end of the file, so
// faults are turned into an error here instead of killing the process.
func readMeta(db *bolt.DB, path string, size int64) (ver fileVersion, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			ver, err = fileVersion{}, notStore(path, fmt.Sprint("damaged: ", r))
		}
	}()
	err = db.View(func(tx *bolt.Tx) error {
		if need := tx.Size(); need > size {
			return notStore(path, fmt.Sprintf("truncated: %d bytes where its pages need %d", size, need))
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil || string(meta.Get(keyApp)) != appID {
			return notStore(path, "a bbolt file without playdrill's meta data")
		}
		v, perr := strconv.Atoi(string(meta.Get(keySchema)))
		if perr != nil || v < 1 {
			return notStore(path, "its schema version is unreadable")
		}
		if v > schemaVersion {
			return playbook.Errorf(playbook.ESchema,
				"%s has schema version %d, newer than version %d that this playdrill knows; upgrade playdrill", path, v, schemaVersion)
		}
		ver = fileVersion{schema: v, nested: v == 2 && tx.Bucket(oldReps) != nil}
		return nil
	})
	return ver, err
}

// fileVersion is what a file's meta data and layout say about its age.
type fileVersion struct {
	schema int
	// nested marks an early schema 2 file, laid out like schema 1.
	nested bool
}

// old reports whether the file needs a migration.
func (v fileVersion) old() bool { return v.schema < schemaVersion || v.nested }

func (v fileVersion) String() string {
	if v.nested {
		return fmt.Sprintf("the early nested layout of schema version %d", v.schema)
	}
	return fmt.Sprintf("schema version %d", v.schema)
}

// Path returns the database's file name.
func (db *DB) Path() string { return db.path }

// Close closes the database; closing twice is harmless.
func (db *DB) Close() error {
	if db == nil {
		return nil
	}
	if db.shared {
		db.heldMu.Lock()
		db.drop()
		db.heldMu.Unlock()
	}
	if db.keep != nil {
		err := db.keep.Close()
		db.keep = nil
		return err
	}
	if db.bolt == nil {
		return nil
	}
	return db.bolt.Close()
}

// handle returns the bbolt database for one transaction, and what to do
// when the transaction is over (given its error).
//
// In Shared mode the file is locked for just that transaction: the bbolt
// handle is kept between transactions with its lock released, and locked
// again (waiting up to the timeout for another playdrill) for the next.
// bbolt keeps the file's free pages in memory, so the kept handle is only
// used again when the file's last transaction is the one it saw: after
// any other process's write it is closed and the file opened afresh.
func (db *DB) handle(write bool) (*bolt.DB, func(error), error) {
	if !db.shared {
		return db.bolt, func(error) {}, nil
	}
	db.heldMu.Lock()
	returned := false
	defer func() {
		if !returned { // bbolt panicked on the file
			db.abandon()
			db.heldMu.Unlock()
		}
	}()
	b, err := db.lockHeld(write)
	returned = true
	if err != nil {
		db.heldMu.Unlock()
		return nil, nil, err
	}
	finished := false
	return b, func(err error) {
		if finished {
			return
		}
		finished = true
		defer db.heldMu.Unlock()
		if err == errAborted {
			db.abandon()
			return
		}
		id, terr := lastTx(b)
		if (write && err != nil) || terr != nil || unlockFile(db.heldFile) != nil {
			// A failed commit may leave bbolt's view of the file behind
			// it: the next transaction opens the file afresh.
			db.drop()
			return
		}
		db.heldTx = id
	}, nil
}

// errAborted ends a transaction that panicked.
var errAborted = errors.New("the transaction was aborted")

// lockHeld locks the kept handle's file for one transaction, or opens the
// file when no handle is kept or another process wrote since.
func (db *DB) lockHeld(write bool) (*bolt.DB, error) {
	if db.keep == nil {
		return nil, playbook.Errorf(playbook.EInternal, "the progress database is closed")
	}
	if db.held != nil {
		if err := lockFile(db.heldFile, write, db.timeout); err != nil {
			if errors.Is(err, errNoRelock) {
				db.drop()
				return db.openHeld()
			}
			return nil, openError(db.path, err)
		}
		if id, err := lastTx(db.held); err == nil && id == db.heldTx {
			return db.held, nil
		}
		db.drop()
	}
	return db.openHeld()
}

// openHeld opens the file for reading and writing, locked, and keeps the
// handle.
func (db *DB) openHeld() (*bolt.DB, error) {
	var file *os.File
	b, err := bolt.Open(db.path, 0o600, &bolt.Options{Timeout: db.timeout,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := openExisting(name, flag, perm)
			file = f
			return f, err
		}})
	if err != nil {
		return nil, openError(db.path, err)
	}
	db.held, db.heldFile = b, file
	return b, nil
}

// drop closes the kept handle, if any.
func (db *DB) drop() {
	if db.held != nil {
		_ = db.held.Close()
	}
	db.held, db.heldFile, db.heldTx = nil, nil, 0
}

// abandon lets go of a kept handle on which bbolt panicked, without
// closing it: bbolt may still hold its own locks, and closing would wait
// for them for ever. The file's lock is released and the file closed; the
// database refuses all later use (see guard).
func (db *DB) abandon() {
	if db.heldFile != nil {
		_ = unlockFile(db.heldFile)
		_ = db.heldFile.Close()
	}
	db.held, db.heldFile, db.heldTx = nil, nil, 0
}

// lastTx returns the id of the file's last committed transaction.
func lastTx(b *bolt.DB) (uint64, error) {
	var id uint64
	err := b.View(func(tx *bolt.Tx) error {
		id = uint64(tx.ID())
		return nil
	})
	return id, err
}

// update runs fn in one read-write transaction, committed with fsync.
func (db *DB) update(fn func(*bolt.Tx) error) (err error) {
	if db.readOnly {
		return playbook.Errorf(playbook.EInvalid, "%s is open read-only", db.path)
	}
	if d := db.damaged.Load(); d != nil {
		return d
	}
	if g := db.gone.Load(); g != nil {
		return g
	}
	defer faultsAsPanics()()
	defer db.guard(&err)
	how := db.moved()
	if how != "" && db.shared {
		// Opening the path now would write to whatever is there: the
		// file is copied aside and this transaction committed to the
		// copy.
		g := db.rescueWith(how, fn)
		db.gone.Store(g)
		return g
	}
	b, done, err := db.handle(true)
	if err != nil {
		return err
	}
	defer done(errAborted) // when bbolt panics; else done already
	err = b.Update(fn)
	done(err)
	err = wrap(err)
	if how != "" {
		// The commit went to a file no longer at the path: save it.
		g := db.rescue(how)
		db.gone.Store(g)
		return g
	}
	return err
}

// view runs fn in one read transaction.
func (db *DB) view(fn func(*bolt.Tx) error) (err error) {
	if d := db.damaged.Load(); d != nil {
		return d
	}
	defer faultsAsPanics()()
	defer db.guard(&err)
	if db.shared {
		if g := db.gone.Load(); g != nil {
			return g
		}
		if how := db.moved(); how != "" {
			g := db.rescue(how)
			db.gone.Store(g)
			return g
		}
	}
	b, done, err := db.handle(false)
	if err != nil {
		return err
	}
	defer done(errAborted) // when bbolt panics; else done already
	err = b.View(fn)
	done(err)
	return wrap(err)
}

// guard turns a panic or a memory fault inside bbolt, which is how it meets
// a damaged page, into an error, and refuses every later use of the file:
// bbolt has rolled the transaction back, but a file found damaged once is
// not written to again. It is deferred by each method that enters bbolt.
func (db *DB) guard(err *error) {
	if r := recover(); r != nil {
		d := damagedError(db.path, r)
		db.damaged.Store(d)
		*err = d
	}
}

// faultsAsPanics makes a memory fault in this goroutine a panic guard can
// recover; the previous setting is restored by calling the result.
func faultsAsPanics() func() {
	old := debug.SetPanicOnFault(true)
	return func() { debug.SetPanicOnFault(old) }
}

// damagedError is the error for a file bbolt could not read.
func damagedError(path string, r any) *playbook.Error {
	return &playbook.Error{Code: playbook.ENotStore,
		Message: fmt.Sprintf("the progress database %s is damaged (%v); nothing more was written to it: run 'playdrill doctor'", path, r)}
}

// wrap codes bbolt's errors; coded errors pass through.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	var pe *playbook.Error
	if errors.As(err, &pe) {
		return err
	}
	switch {
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return &playbook.Error{Code: playbook.EInternal, Message: "the progress database is closed", Err: err}
	case errors.Is(err, errCorrupt):
		return &playbook.Error{Code: playbook.ENotStore, Message: "the progress database holds a damaged record; run 'playdrill doctor'", Err: err}
	}
	return &playbook.Error{Code: playbook.EInternal, Message: "progress database", Err: err}
}

// defaultTimeout is how long Open waits for another playdrill's lock.
const defaultTimeout = time.Second
