// Command playdrill drills a sales team on its playbook.
package main

import (
	"context"
	"os"
	// Time zone names in the settings work where the system has no zone
	// database.
	_ "time/tzdata"
)

func main() {
	os.Exit(Main(context.Background(), os.Args[1:], Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
	}))
}
