package boltdb

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/atomicfile"
	"github.com/playdrill/playdrill/internal/playbook"
)

// The file a database was opened from can be deleted or replaced while it
// is open (a sync tool, a restore, a careless rm). bbolt keeps writing to
// the open file, which is then lost when it closes: so before each commit
// the store compares the open file with what the path now names. Once they
// differ, the commit still goes to the open file, which is then copied in
// full to a recovery file next to it, and the rep is told where it is.

// identify remembers which file the database was opened from.
func (db *DB) identify() {
	if info, err := os.Stat(db.path); err == nil {
		db.ident = info
	}
}

// moved says how the path no longer names the open file, or "".
func (db *DB) moved() string {
	if db.ident == nil {
		return ""
	}
	info, err := os.Stat(db.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "deleted"
	case err != nil:
		return "" // unreadable for now: not proof it is gone
	case !os.SameFile(db.ident, info):
		return "replaced by another file"
	}
	return ""
}

// rescue copies the open file to a recovery file and returns the error
// that tells the rep about it.
func (db *DB) rescue(how string) *playbook.Error {
	return db.rescueWith(how, nil)
}

// rescueWith is rescue that then commits fn to the recovery file: in
// Shared mode the open file is not held between transactions, so the
// transaction that found it gone goes to the copy instead.
func (db *DB) rescueWith(how string, fn func(*bolt.Tx) error) *playbook.Error {
	out, err := db.writeRecovery()
	if err == nil && fn != nil {
		err = commitTo(out, fn)
	}
	if err != nil {
		return &playbook.Error{Code: playbook.EInternal, Err: err, Message: fmt.Sprintf(
			"the progress database %s was %s while playdrill had it open, and this session's answers could not be saved elsewhere", db.path, how)}
	}
	// The recovery file comes first: a one-line status shows the start.
	return &playbook.Error{Code: playbook.EMoved, Message: fmt.Sprintf(
		"answers kept in %s: the progress database %s was %s while playdrill had it open, so this session's answers and everything it held were copied there; nothing more is recorded until playdrill starts again (move the copy to %s to carry on with it)",
		out, db.path, how, db.path)}
}

// writeRecovery writes the open file's content next to where it was (or in
// the temporary folder when that folder is gone too).
func (db *DB) writeRecovery() (string, error) {
	dir := filepath.Dir(db.path)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		dir = os.TempDir()
	}
	base := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	stamp := db.now().Format("20060102-150405")
	var lastErr error
	for i := 0; i < 100; i++ {
		name := fmt.Sprintf("%s.recovered-%s.db", base, stamp)
		if i > 0 {
			name = fmt.Sprintf("%s.recovered-%s-%d.db", base, stamp, i)
		}
		out := filepath.Join(dir, name)
		f, err := atomicfile.New(out, atomicfile.Create, 0o600)
		if errors.Is(err, fs.ErrExist) {
			lastErr = err
			continue
		}
		if err != nil {
			return "", err
		}
		err = db.copyOpenFile(f)
		if err == nil {
			err = f.Commit()
		}
		if err != nil {
			f.Abort()
			return "", err
		}
		return out, nil
	}
	return "", lastErr
}

// copyOpenFile writes the content of the file the database was opened
// from to w: through bbolt while it holds the file, else (Shared mode,
// between transactions, so nothing is half-written) byte for byte.
func (db *DB) copyOpenFile(w io.Writer) error {
	if db.bolt != nil {
		return db.bolt.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(w)
			return err
		})
	}
	if db.keep == nil {
		return errors.New("the database is closed")
	}
	_, err := io.Copy(w, io.NewSectionReader(db.keep, 0, 1<<62))
	return err
}

// commitTo runs fn in one transaction on the database file at path.
func commitTo(path string, fn func(*bolt.Tx) error) error {
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: defaultTimeout, OpenFile: openExisting})
	if err != nil {
		return err
	}
	err = b.Update(fn)
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	return err
}
