package draft

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, in nanoseconds.
func cpuTime() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Now().UnixNano(), false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
