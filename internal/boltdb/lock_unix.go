//go:build unix

package boltdb

import (
	"errors"
	"os"
	"syscall"
	"time"

	berrors "go.etcd.io/bbolt/errors"
)

// readLock takes a shared lock on the file at path, as bbolt's readers
// do, so that no writer commits while the file is checked; it waits up to
// timeout (then bbolt's ErrTimeout) and returns the function releasing it.
func readLock(path string, timeout time.Duration) (func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		if err == nil {
			return func() { _ = f.Close() }, nil // closing releases the lock
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			_ = f.Close()
			return nil, err
		}
		if time.Now().After(deadline) {
			_ = f.Close()
			return nil, berrors.ErrTimeout
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// errNoRelock says a kept handle's file cannot be locked again here.
var errNoRelock = errors.New("no advisory locks")

// lockFile locks an open file again, shared for reading or exclusive for
// writing, as bbolt does when it opens one; it waits up to timeout (then
// bbolt's ErrTimeout).
func lockFile(f *os.File, write bool, timeout time.Duration) error {
	how := syscall.LOCK_SH
	if write {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		if time.Now().After(deadline) {
			return berrors.ErrTimeout
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// unlockFile releases the lock lockFile or bbolt took, keeping the file
// open.
func unlockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
