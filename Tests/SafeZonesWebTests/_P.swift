// web tests
