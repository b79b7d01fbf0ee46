//go:build !unix

package boltdb

import "time"

// readLock does nothing where files have no advisory locks to share:
// bbolt's own lock is taken when the file is opened.
func readLock(path string, timeout time.Duration) (func(), error) {
	return func() {}, nil
}
