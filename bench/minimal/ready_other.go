//go:build !js

package main

func signalReady() {}
