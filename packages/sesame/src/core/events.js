export async function emit(context, event, message) {
    const handler = context.config.events[event];
    if (!handler)
        return;
    try {
        await handler(message);
    }
    catch (error) {
        context.config.logger.error(new Error(`The "${event}" event handler threw.`, { cause: error }));
    }
}
