//go:build !unix

package boltdb

import (
	"errors"
	"os"
	"time"
)

// readLock does nothing where files have no advisory locks to share:
// bbolt's own lock is taken when the file is opened.
func readLock(path string, timeout time.Duration) (func(), error) {
	return func() {}, nil
}

// errNoRelock says a kept handle's file cannot be locked again here.
var errNoRelock = errors.New("no advisory locks to take again")

// lockFile cannot lock a file bbolt opened again here: the handle is
// closed and the file opened afresh for each transaction.
func lockFile(f *os.File, write bool, timeout time.Duration) error { return errNoRelock }

// unlockFile reports that the lock cannot be released without closing
// the file, so that the handle is closed after each transaction.
func unlockFile(f *os.File) error { return errNoRelock }
