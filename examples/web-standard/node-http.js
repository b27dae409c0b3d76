export function toRequest(req, fallbackHost = "localhost") {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined)
            headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    return new Request(`http://${req.headers.host ?? fallbackHost}${req.url ?? "/"}`, {
        method: req.method,
        headers,
        body: hasBody ? req : undefined,
        ...(hasBody && { duplex: "half" }),
    });
}
export async function send(res, response) {
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
        if (name !== "set-cookie")
            res.setHeader(name, value);
    });
    // Each cookie is its own Set-Cookie header; joining them with commas would corrupt their Expires dates.
    const cookies = response.headers.getSetCookie();
    if (cookies.length)
        res.setHeader("set-cookie", cookies);
    res.end(Buffer.from(await response.arrayBuffer()));
}
