package boltdb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/atomicfile"
	"github.com/playdrill/playdrill/internal/playbook"
)

// Report is what Check found.
type Report struct {
	Path     string
	Bytes    int64
	Schema   int
	Reps     int
	Attempts int
	Feedback int
	// Problems is empty for a healthy database.
	Problems []string
}

// Healthy reports whether Check found no problem.
func (r *Report) Healthy() bool { return len(r.Problems) == 0 }

// Check opens the database at path read-only and checks it: bbolt's own
// consistency check of every page, then playdrill's: the meta data, and
// that each rep's attempts decode, their ids are unique, and its totals
// agree with them. It reads every page, so it is for doctor, not for startup.
// The error is for a file Check could not look at (missing, locked); a
// damaged or foreign file gives a report with problems.
func Check(path string, opt Options) (*Report, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = defaultTimeout
	}
	rep := &Report{Path: path}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, playbook.Errorf(playbook.ENotFound, "no progress database at %s", path)
	}
	if err != nil {
		return nil, &playbook.Error{Code: playbook.EInternal, Message: "progress database " + path, Err: err}
	}
	rep.Bytes = info.Size()
	if !info.Mode().IsRegular() {
		// Opening a pipe would block; it is no database in any case.
		rep.Problems = append(rep.Problems, notRegularError(path, info).Error())
		return rep, nil
	}
	// Every page is walked with bounds checks before bbolt's own check
	// reads them, whatever the size.
	if err := verifyFile(path, true); errors.Is(err, errDamaged) {
		rep.Problems = append(rep.Problems, notStore(path, err.Error()).Error())
		return rep, nil
	}
	db, ver, err := openChecked(path, opt.Timeout)
	if err != nil {
		switch playbook.ErrorCode(err) {
		case playbook.ENotStore, playbook.ESchema:
			rep.Problems = append(rep.Problems, err.Error())
			return rep, nil
		}
		return nil, err
	}
	defer db.Close()
	rep.Schema = ver.schema
	rep.Problems = append(rep.Problems, consistency(db)...)
	if len(rep.Problems) > 0 {
		return rep, nil // playdrill's checks would walk the same damage
	}
	if ver.old() {
		if err := db.View(func(tx *bolt.Tx) error {
			if newerLayout(tx, ver.schema) {
				return notStore(path, fmt.Sprintf("its schema version says %d, but it holds the current layout: the version was damaged", ver.schema))
			}
			return nil
		}); err != nil {
			rep.Problems = append(rep.Problems, err.Error())
			return rep, nil
		}
		rep.Problems = append(rep.Problems, fmt.Sprintf("%s is old; any playdrill command that records progress upgrades it to the current layout of version %d", ver, schemaVersion))
		return rep, nil
	}
	rep.Problems = append(rep.Problems, checkContent(db, rep)...)
	return rep, nil
}

// consistency runs bbolt's page-level check and lists what it finds.
func consistency(db *bolt.DB) (problems []string) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			problems = append(problems, fmt.Sprint("the file is damaged: ", r))
		}
	}()
	err := db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			problems = append(problems, err.Error())
		}
		return nil
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	return problems
}

// checkContent checks playdrill's own invariants and fills in the counts.
func checkContent(db *bolt.DB, rep *Report) (problems []string) {
	err := db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketFeedback) == nil {
			problems = append(problems, fmt.Sprintf("the %s bucket is missing", bucketFeedback))
			return nil
		}
		rep.Feedback = tx.Bucket(bucketFeedback).Stats().KeyN
		return eachRep(tx, "", func(rb *bolt.Bucket) error {
			rep.Reps++
			ps, n := checkRep(rb)
			rep.Attempts += n
			problems = append(problems, ps...)
			return nil
		})
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	return problems
}

// checkRep checks one rep's bucket and returns its problems and attempts:
// every attempt decodes, no id is stored twice, and the running totals
// count the attempts stored.
func checkRep(rb *bolt.Bucket) ([]string, int) {
	var problems []string
	ids := map[string]bool{}
	n, bad, twice := 0, 0, 0
	_ = eachKind(rb, kindAttempt, func(k, v []byte) error {
		n++
		id, ok := attemptID(k)
		if !ok {
			bad++
			return nil
		}
		if _, err := decodeAttempt(id, "", v, time.UTC); err != nil {
			bad++
		}
		if ids[id] {
			twice++
		}
		ids[id] = true
		return nil
	})
	if bad > 0 {
		problems = append(problems, fmt.Sprintf("%d attempt record(s) are damaged", bad))
	}
	if twice > 0 {
		problems = append(problems, fmt.Sprintf("%d attempt id(s) are stored twice", twice))
	}
	if k := strangeKeys(rb); k > 0 {
		problems = append(problems, fmt.Sprintf("%d record(s) of a kind this playdrill does not know", k))
	}
	t, err := getTotals(rb)
	if err != nil || t.Attempts != n {
		problems = append(problems, fmt.Sprintf("the running totals count %d attempts, the file holds %d", t.Attempts, n))
	}
	return problems, n
}

// strangeKeys counts the keys in a rep bucket that no kind of record
// explains, such as leftovers of an older layout.
func strangeKeys(rb *bolt.Bucket) int {
	n := 0
	c := rb.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) == 0 {
			n++
			continue
		}
		switch k[0] {
		case kindAttempt, kindCompletion, kindState:
		case kindTotals:
			if len(k) != 1 {
				n++
			}
		default:
			n++
		}
	}
	return n
}

// Check runs bbolt's consistency check on the open database and returns
// what it found, joined; nil when consistent.
func (db *DB) Check() error {
	var errs []error
	err := db.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return nil
	})
	return errors.Join(append(errs, err)...)
}

// Backup writes a consistent copy of the database to out, with mode
// 0600, through a temporary file that is synced and renamed into place, so
// out is never half-written. It refuses to replace an existing out unless
// overwrite is set. The copy is made in one read transaction while the
// database stays usable.
func (db *DB) Backup(out string, overwrite bool) (int64, error) {
	mode := atomicfile.Create
	if overwrite {
		mode = atomicfile.Replace
	}
	f, err := atomicfile.New(out, mode, 0o600)
	if err != nil {
		return 0, backupError(out, err)
	}
	defer f.Abort()
	var n int64
	err = db.view(func(tx *bolt.Tx) error {
		var werr error
		n, werr = tx.WriteTo(f)
		return werr
	})
	if err == nil {
		err = f.Commit()
	}
	if err != nil {
		return 0, backupError(out, err)
	}
	return n, nil
}

// backupError is err as the backup command reports it: a file in the way
// or a bad name is the rep's to fix, anything else the machine's.
func backupError(out string, err error) error {
	if errors.Is(err, fs.ErrExist) {
		return playbook.Errorf(playbook.EInvalid, "%s already exists; choose another name or use --force to replace it", out)
	}
	if _, serr := os.Stat(filepath.Dir(out)); errors.Is(serr, fs.ErrNotExist) {
		return playbook.Errorf(playbook.EInvalid, "backup %s: there is no folder %s", out, filepath.Dir(out))
	}
	if info, serr := os.Stat(out); serr == nil && info.IsDir() {
		return playbook.Errorf(playbook.EInvalid, "backup %s: it is a folder; name a file to write", out)
	}
	return &playbook.Error{Code: playbook.EInternal, Message: "backup " + out, Err: err}
}
