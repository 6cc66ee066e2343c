// PostGraphile V5 declares Node 22 for `Promise.withResolvers`, the one newer API it uses here;
// with this standard polyfill it runs on the hub's own Node 20, so both are measured on one runtime.
Promise.withResolvers ??= function withResolvers() {
  let resolve;
  let reject;
  const promise = new this((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
