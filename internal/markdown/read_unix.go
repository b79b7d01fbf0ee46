//go:build unix

package markdown

import "syscall"

const nonBlocking = syscall.O_NONBLOCK
