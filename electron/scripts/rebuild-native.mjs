console.log("[postinstall] placeholder")
