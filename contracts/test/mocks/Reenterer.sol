// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @dev An attacker contract: when it receives a plot (onERC721Received) or tokens (HookToken's
/// onTokenReceived), it calls `payload` on `target` once and records how that re-entrant call ended.
contract Reenterer is IERC721Receiver {
    address public target;
    bytes public payload;
    uint256 public callbacks;
    bool public reentered;
    bool public reentrySucceeded;
    bytes public reentryRevert;

    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
        reentered = false;
    }

    /// @dev Acts as the caller of `data` on `to` (approve, buy, claim, ...).
    function exec(address to, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory ret) = to.call(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        _reenter();
        return IERC721Receiver.onERC721Received.selector;
    }

    function onTokenReceived(address, uint256) external {
        _reenter();
    }

    function _reenter() internal {
        ++callbacks;
        if (target == address(0) || reentered) return;
        reentered = true;
        (reentrySucceeded, reentryRevert) = target.call(payload);
    }
}
